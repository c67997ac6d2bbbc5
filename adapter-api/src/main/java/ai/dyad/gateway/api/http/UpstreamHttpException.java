package ai.dyad.gateway.api.http;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@link AdapterException} caused by an upstream HTTP error answer, keeping what the upstream said: its
 * status and its own error type. A host may use them to relay an upstream's error faithfully (a proxy of a
 * proxy); everything else treats it as a plain {@link AdapterException}.
 */
public class UpstreamHttpException extends AdapterException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String upstreamType;

    /**
     * @param status the upstream's HTTP status; for an error reported inside a stream, the status the upstream
     *     would have used for it (or 200 when it gave none)
     * @param upstreamType the upstream's error type, such as {@code invalid_request_error}; nullable
     */
    public UpstreamHttpException(
            ErrorKind kind,
            String message,
            String code,
            String param,
            Duration retryAfter,
            int status,
            String upstreamType) {
        super(kind, message, code, param, retryAfter, null);
        this.status = status;
        this.upstreamType = upstreamType;
    }

    /** The upstream's HTTP status. */
    public int status() {
        return status;
    }

    /** The upstream's own error type, if it named one. */
    public Optional<String> upstreamType() {
        return Optional.ofNullable(upstreamType);
    }
}
