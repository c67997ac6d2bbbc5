package ai.dyad.gateway.host.config;

import java.time.Duration;

/**
 * How the router retries, breaks circuits and checks providers.
 *
 * @param maxRetries extra attempts on the same provider after a retryable failure, before falling back
 * @param circuitBreakerThreshold consecutive failed calls that open a provider's circuit
 * @param circuitBreakerTimeout how long an open circuit stays open before a half-open probe
 * @param healthCheckInterval time between active health checks; zero turns them off
 * @param healthDetailedPublic whether {@code GET /health/detailed} answers without an admin key
 */
public record RoutingConfig(
        int maxRetries,
        int circuitBreakerThreshold,
        Duration circuitBreakerTimeout,
        Duration healthCheckInterval,
        boolean healthDetailedPublic) {

    /** The values used when no variable is set. */
    public static RoutingConfig defaults() {
        return new RoutingConfig(2, 5, Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    }
}
