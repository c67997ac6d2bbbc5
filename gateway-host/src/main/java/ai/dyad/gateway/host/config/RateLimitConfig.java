package ai.dyad.gateway.host.config;

import java.time.Duration;

/**
 * The limit for API keys without their own {@code rateLimit.requestsPerMinute}.
 *
 * @param window {@code RATE_LIMIT_WINDOW_MS}: the length of one counting window
 * @param maxRequests {@code RATE_LIMIT_MAX_REQUESTS}: requests per key per window; 0 for no default limit
 */
public record RateLimitConfig(Duration window, int maxRequests) {

    static RateLimitConfig read(ConfigLoader env) {
        return new RateLimitConfig(
                Duration.ofMillis(env.integer("RATE_LIMIT_WINDOW_MS", 60_000, 1_000, 86_400_000)),
                env.integer("RATE_LIMIT_MAX_REQUESTS", 600, 0, 100_000_000));
    }
}
