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
            // Scripts (rate limits) go as EVALSHA with the script loaded once per server and reloaded after
            // NOSCRIPT, instead of their text on every call. Redisson's default today, set so it stays so.
            config.setUseScriptCache(true);
            // Redisson's default is 32 event-loop threads whatever the machine, so on a small one nearly every
            // command wakes a sleeping thread of its own. Netty's usual two per core instead.
            config.setNettyThreads(2 * Runtime.getRuntime().availableProcessors());
            return Redisson.create(config);
        });
    }
}
