package ai.dyad.gateway.api;

/**
 * Why an adapter call failed. The host maps each kind to one HTTP status and OpenAI error type, and uses
 * {@link #retryable()} to decide on retries, fallback and circuit breaking.
 */
public enum ErrorKind {
    /** The request cannot be served as asked (bad parameter, unsupported content). Never retried. */
    INVALID_REQUEST(false),
    /** The upstream refused the provider's own credentials. Reported as a gateway error, not the client's 401. */
    UNAUTHORIZED(false),
    /** The upstream or the adapter is at capacity; honour {@link AdapterException#retryAfter()}. */
    RATE_LIMITED(true),
    /** The backend cannot be reached or refuses service (connection refused, binary missing, 503). */
    UNAVAILABLE(true),
    /** The backend did not answer within the deadline. */
    TIMEOUT(true),
    /** The adapter does not offer the operation (for example embeddings from a chat-only CLI). */
    UNSUPPORTED(false),
    /** The backend answered with an error or output the adapter could not understand. */
    UPSTREAM_ERROR(true),
    /** A bug in the adapter. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether another attempt (on this or another provider) may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
