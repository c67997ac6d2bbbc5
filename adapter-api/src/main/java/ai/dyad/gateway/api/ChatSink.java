package ai.dyad.gateway.api;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;

/**
 * Where an adapter writes its answer, chunk by chunk. The host turns the chunks into an SSE stream or
 * aggregates them into one JSON response, so an adapter implements streaming once.
 *
 * <p>Call {@link #emit} any number of times, then exactly one of {@link #complete} or {@link #fail}. All
 * methods may be called from any single thread at a time.
 */
public interface ChatSink {

    /**
     * Passes one chunk on. May block while the client is slow (back-pressure); that is fine on the
     * virtual thread the host calls adapters on.
     *
     * @return {@code false} once the client is gone or the call was cancelled: stop working and return
     */
    boolean emit(ChatChunk chunk);

    /**
     * Ends the answer successfully.
     *
     * @param usage the token counts; nullable when the backend reports none, in which case the host estimates
     */
    void complete(FinishReason reason, Usage usage);

    /** Ends the answer with an error. Before the first chunk the host may still fall back to another provider. */
    void fail(AdapterException error);

    /** Whether the client went away or the deadline passed. */
    boolean isCancelled();

    /**
     * Registers an action to abort upstream work (kill a process, cancel an HTTP call) when the call is
     * cancelled. Runs at most once, on a host thread; runs at once if the call is already cancelled.
     */
    void onCancel(Runnable abortUpstream);
}
