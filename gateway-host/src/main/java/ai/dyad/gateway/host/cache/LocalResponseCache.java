package ai.dyad.gateway.host.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-process cache: least recently used entries go first once it is full; entries expire after the TTL. */
final class LocalResponseCache implements ResponseCache {

    private record Stored(CachedAnswer answer, Instant expires) {}

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Stored> entries;

    LocalResponseCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<CachedAnswer> get(String key) {
        Stored entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.answer());
    }

    @Override
    public synchronized void put(String key, CachedAnswer answer) {
        entries.put(key, new Stored(answer, clock.instant().plus(ttl)));
    }

    synchronized int size() {
        return entries.size();
    }
}
