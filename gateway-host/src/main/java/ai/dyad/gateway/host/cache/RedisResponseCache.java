package ai.dyad.gateway.host.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RMapCache;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache in Redis, shared by every instance: entries expire by TTL and, past the size limit, the least
 * recently used go. If Redis is unreachable, lookups miss and stores are dropped: the cache never fails a
 * request.
 */
final class RedisResponseCache implements ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisResponseCache.class);
    static final String MAP_NAME = "dyad:response-cache";

    private final RMapCache<String, byte[]> map;
    private final Duration ttl;
    private final ObjectMapper json;

    RedisResponseCache(RedissonClient redis, Duration ttl, int maxEntries, ObjectMapper json) {
        this.map = redis.getMapCache(MAP_NAME, new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE));
        this.ttl = ttl;
        this.json = json;
        try {
            map.trySetMaxSize(maxEntries);
        } catch (RuntimeException e) {
            LOG.warn("could not set the response cache's size limit in Redis: {}", e.getMessage());
        }
    }

    @Override
    public Optional<CachedAnswer> get(String key) {
        try {
            byte[] stored = map.get(key);
            return stored == null ? Optional.empty() : CachedAnswer.fromBytes(json, stored);
        } catch (RuntimeException e) {
            LOG.warn("response cache lookup failed, answering without it: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, CachedAnswer answer) {
        try {
            map.fastPutAsync(key, answer.toBytes(json), ttl.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((stored, failure) -> {
                        if (failure != null) {
                            LOG.warn("response cache store failed: {}", failure.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("response cache store failed: {}", e.getMessage());
        }
    }
}
