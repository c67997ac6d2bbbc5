package ai.dyad.gateway.host.registry;

import java.time.Instant;

/**
 * A provider's last known health, from checks and real traffic.
 *
 * @param status {@code healthy}, {@code degraded} or {@code unhealthy}
 * @param errorRate failed share of recent calls, 0 to 1
 * @param availability successful share of recent checks, 0 to 1
 */
public record HealthStatus(
        String status, Instant lastCheck, long responseTimeMs, double errorRate, double availability) {

    /** The status of a provider nobody has checked yet. */
    public static HealthStatus unknown() {
        return new HealthStatus("unknown", null, 0, 0, 1);
    }
}
