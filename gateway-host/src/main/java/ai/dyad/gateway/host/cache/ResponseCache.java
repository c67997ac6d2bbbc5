package ai.dyad.gateway.host.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/** Where cached answers live: Redis (shared by all instances) or this process's memory. */
public interface ResponseCache {

    /** The answer stored under {@code key}, if any and not expired; may block briefly (Redis). */
    Optional<CachedAnswer> get(String key);

    /** Stores an answer for the cache's time to live; never blocks (called on IO threads). */
    void put(String key, CachedAnswer answer);

    /** Redis when there is a client, else a bounded in-process LRU. */
    static ResponseCache create(
            Optional<RedissonClient> redis, Duration ttl, int maxEntries, Clock clock, ObjectMapper json) {
        return redis.<ResponseCache>map(client -> new RedisResponseCache(client, ttl, maxEntries, json))
                .orElseGet(() -> new LocalResponseCache(ttl, maxEntries, clock));
    }
}
