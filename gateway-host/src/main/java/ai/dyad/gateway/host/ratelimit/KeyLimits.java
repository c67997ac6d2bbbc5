package ai.dyad.gateway.host.ratelimit;

import ai.dyad.gateway.host.config.RateLimitConfig;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.ApiKeyRateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * Which limits apply to a key: its own {@code rateLimit} per minute, else the gateway's default request
 * limit; tokens are limited only for keys that set {@code tokensPerMinute}. Counters are named by key id,
 * with the id in a Redis hash tag so a key's counters share one slot.
 */
public final class KeyLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateLimitConfig defaults;

    public KeyLimits(RateLimitConfig defaults) {
        this.defaults = defaults;
    }

    /** The request limit, charging {@code cost} requests; empty when the key is unlimited. */
    public Optional<WindowLimit> requests(ApiKey key, long cost) {
        ApiKeyRateLimit own = key.rateLimit();
        if (own != null && own.requestsPerMinute() != null) {
            return Optional.of(new WindowLimit(bucket(key, "req"), MINUTE, own.requestsPerMinute(), cost));
        }
        if (defaults.maxRequests() > 0) {
            return Optional.of(new WindowLimit(bucket(key, "req"), defaults.window(), defaults.maxRequests(), cost));
        }
        return Optional.empty();
    }

    /** The token limit, charging {@code cost} tokens; empty when the key has none. */
    public Optional<WindowLimit> tokens(ApiKey key, long cost) {
        ApiKeyRateLimit own = key.rateLimit();
        if (own != null && own.tokensPerMinute() != null) {
            return Optional.of(new WindowLimit(bucket(key, "tok"), MINUTE, own.tokensPerMinute(), cost));
        }
        return Optional.empty();
    }

    private static String bucket(ApiKey key, String kind) {
        return "dyad:rl:{" + key.id() + "}:" + kind;
    }
}
