package ai.dyad.gateway.host.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Providers that answered "429, retry after N s": until then, requests skip them (without calling) rather
 * than earn another 429, so the upstream's {@code retry-after} holds across requests, not only within one.
 */
final class Cooldowns {

    private final ConcurrentMap<String, Instant> until = new ConcurrentHashMap<>();

    void coolDown(String providerId, Instant end) {
        until.merge(providerId, end, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How long the provider still cools down; empty once it may be called. */
    Optional<Duration> remaining(String providerId, Instant now) {
        Instant end = until.get(providerId);
        if (end == null) {
            return Optional.empty();
        }
        if (!end.isAfter(now)) {
            until.remove(providerId, end);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, end));
    }
}
