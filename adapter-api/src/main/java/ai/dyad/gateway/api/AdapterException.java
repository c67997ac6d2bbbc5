package ai.dyad.gateway.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The one exception adapters throw (or pass to {@link ChatSink#fail}). Its message is shown to the client,
 * so it must be clear and must never contain secrets.
 */
public class AdapterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;
    private final String param;
    private final transient Duration retryAfter;

    /** An error of the given kind with a stable code derived from the kind. */
    public AdapterException(ErrorKind kind, String message) {
        this(kind, message, null, null, null, null);
    }

    /** An error of the given kind with its cause (kept for the log, never shown to the client). */
    public AdapterException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, null, null, cause);
    }

    /**
     * The full form.
     *
     * @param code a stable machine-readable code such as {@code provider_busy}; nullable
     * @param param the request parameter at fault, such as {@code messages[1].content}; nullable
     * @param retryAfter how long the caller should wait before retrying; nullable
     */
    public AdapterException(
            ErrorKind kind, String message, String code, String param, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    /** Why the call failed; decides the HTTP status, retries and fallback. */
    public ErrorKind kind() {
        return kind;
    }

    /** The stable error code, if the adapter gave one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The request parameter at fault, if any. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    /** How long to wait before retrying, if the backend said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
