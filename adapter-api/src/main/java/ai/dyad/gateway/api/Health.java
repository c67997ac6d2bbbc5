package ai.dyad.gateway.api;

import java.time.Duration;

/**
 * The result of a cheap health probe of a provider's backend.
 *
 * @param status the verdict
 * @param detail a short human-readable explanation, such as {@code command 'claude' not found on PATH}
 * @param latency how long the probe took
 */
public record Health(Status status, String detail, Duration latency) {

    /** Health verdicts, from best to worst. */
    public enum Status {
        HEALTHY,
        DEGRADED,
        UNHEALTHY
    }

    public static Health healthy(String detail, Duration latency) {
        return new Health(Status.HEALTHY, detail, latency);
    }

    public static Health unhealthy(String detail, Duration latency) {
        return new Health(Status.UNHEALTHY, detail, latency);
    }
}
