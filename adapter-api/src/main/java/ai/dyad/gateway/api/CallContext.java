package ai.dyad.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about one call that an adapter may use: for logging, for deadlines, for per-caller backends.
 *
 * @param requestId the request id the client sees in {@code x-request-id}
 * @param deadline the instant by which the whole call must end; the host cancels the call after it
 * @param caller a stable, non-secret name of the calling API key (its id), for attribution upstream
 * @param clientHeaders the client's request headers, names in lower case, that adapters may forward (for
 *     example a proxy's allowlist); the host never includes credentials ({@code authorization},
 *     {@code cookie}, API-key headers) nor hop-by-hop headers. Since API 1.1.0.
 */
public record CallContext(String requestId, Instant deadline, String caller, Map<String, String> clientHeaders) {

    public CallContext {
        clientHeaders = clientHeaders == null ? Map.of() : Map.copyOf(clientHeaders);
    }

    /** A context without client headers. */
    public CallContext(String requestId, Instant deadline, String caller) {
        this(requestId, deadline, caller, Map.of());
    }

    /** Time left until the deadline, never negative. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** One client header by name, in any case. */
    public Optional<String> clientHeader(String name) {
        return Optional.ofNullable(clientHeaders.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
