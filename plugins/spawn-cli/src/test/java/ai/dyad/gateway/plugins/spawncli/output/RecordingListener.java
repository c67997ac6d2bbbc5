package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.util.ArrayList;
import java.util.List;

/** Records what a decoder found, piece by piece. */
final class RecordingListener implements OutputListener {

    final List<String> texts = new ArrayList<>();
    final List<String> reasonings = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<CliFailure> failures = new ArrayList<>();
    Usage usage;
    Double cost;
    FinishReason finish;

    @Override
    public void text(String text) {
        texts.add(text);
    }

    @Override
    public void reasoning(String text) {
        reasonings.add(text);
    }

    @Override
    public void usage(Usage usage, Double costUsd) {
        this.usage = usage;
        this.cost = costUsd;
    }

    @Override
    public void finish(FinishReason reason) {
        this.finish = reason;
    }

    @Override
    public void failure(CliFailure failure) {
        failures.add(failure);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    String text() {
        return String.join("", texts);
    }

    String reasoning() {
        return String.join("", reasonings);
    }

    /** Everything found, in a form two runs can be compared by (text joined, since reads may cut it anywhere). */
    String summary() {
        return "text=" + text() + " reasoning=" + reasoning() + " usage=" + usage + " cost=" + cost + " finish="
                + finish + " failures=" + failures + " warnings=" + warnings;
    }
}
