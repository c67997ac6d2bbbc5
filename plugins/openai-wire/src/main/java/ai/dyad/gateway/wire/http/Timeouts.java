package ai.dyad.gateway.wire.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a provider's calls may wait.
 *
 * @param connect the longest wait for a TCP (and TLS) connection; keep it short, a down backend should fail
 *     fast
 * @param read the longest silence from the upstream: before its answer starts and between two pieces of a
 *     stream
 */
public record Timeouts(Duration connect, Duration read) {

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static Timeouts ofMillis(long connectMillis, long readMillis) {
        return new Timeouts(Duration.ofMillis(connectMillis), Duration.ofMillis(readMillis));
    }
}
