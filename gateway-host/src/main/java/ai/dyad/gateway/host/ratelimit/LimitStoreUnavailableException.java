package ai.dyad.gateway.host.ratelimit;

/** The shared limit store did not answer; the caller falls back to counting locally. */
public final class LimitStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LimitStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
