package ai.dyad.gateway.host.redis;

import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The one Redisson client of a gateway instance, when {@code REDIS_URL} is set. Features that share state
 * across instances (limits, cache, change notices) take it from the composition root; without Redis they
 * use their in-process equivalents.
 */
public final class RedisConnection {

    private RedisConnection() {}

    /** Connects lazily-tolerant: Redisson retries in the background if Redis is briefly down. */
    public static Optional<RedissonClient> open(Optional<String> redisUrl) {
        return redisUrl.map(url -> {
            Config config = new Config();
            config.useSingleServer()
                    .setAddress(url)
                    .setConnectionMinimumIdleSize(2)
                    .setConnectionPoolSize(32)
                    .setConnectTimeout(2_000)
                    .setTimeout(1_000)
                    .setRetryAttempts(1);
            return Redisson.create(config);
        });
    }
}
