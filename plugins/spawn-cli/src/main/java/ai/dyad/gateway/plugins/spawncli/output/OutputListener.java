package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;

/**
 * What a CLI's output means, event by event, as the decoders find it. Called on the thread that reads stdout,
 * in output order.
 */
public interface OutputListener {

    /** A piece of the answer. */
    void text(String text);

    /** A piece of the model's reasoning (thinking), kept apart from the answer. */
    void reasoning(String text);

    /**
     * Token counts the CLI reported, cumulative for the call so far (a later report replaces an earlier one).
     *
     * @param costUsd the cost the CLI reported; nullable
     */
    void usage(Usage usage, Double costUsd);

    /** Why the model stopped, when the CLI says. */
    void finish(FinishReason reason);

    /** The CLI reported that the call failed. */
    void failure(CliFailure failure);

    /** Something worth a log line but not the client's attention (a CLI warning, an unreadable line). */
    void warning(String message);
}
