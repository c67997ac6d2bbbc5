package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;

/** What a stream has told so far about how it ends. */
final class StreamState {

    private FinishReason finish = FinishReason.STOP;
    private Usage usage;

    void finish(FinishReason reason) {
        finish = reason;
    }

    void usage(Usage value) {
        usage = value;
    }

    FinishReason finish() {
        return finish;
    }

    Usage usage() {
        return usage;
    }
}
