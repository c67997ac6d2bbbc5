package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.http.ApiError;
import java.io.IOException;

/** Where a chat answer goes: an SSE stream or one JSON response. Called by one thread at a time. */
interface ChatOutput {

    /** Passes on one chunk; may block while the client is slow. */
    void chunk(ChatChunk chunk) throws IOException;

    /** Whether any byte of the body has been sent (after that, no fallback and no status change). */
    boolean started();

    /**
     * Forgets what a failed attempt produced that has not reached the client, so a fallback starts clean.
     * Only called while {@link #started()} is false.
     */
    void discardUnsent();

    /** Ends a successful answer. */
    void finish(FinishReason reason, Usage usage) throws IOException;

    /** Ends the answer with an error: a status and envelope before the start, an error event after. */
    void error(ApiError error) throws IOException;
}
