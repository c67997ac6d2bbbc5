package ai.dyad.gateway.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Facts about one call that an adapter may use: for logging, for deadlines, for per-caller backends.
 *
 * @param requestId the request id the client sees in {@code x-request-id}
 * @param deadline the instant by which the whole call must end; the host cancels the call after it
 * @param caller a stable, non-secret name of the calling API key (its id), for attribution upstream
 */
public record CallContext(String requestId, Instant deadline, String caller) {

    /** Time left until the deadline, never negative. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
