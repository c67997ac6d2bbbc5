package ai.dyad.gateway.host.resilience;

import ai.dyad.gateway.host.config.RoutingConfig;
import ai.dyad.gateway.host.registry.Provider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One resilience4j circuit breaker per provider id. A circuit opens when the last
 * {@code CIRCUIT_BREAKER_THRESHOLD} counted calls all failed, stays open for {@code CIRCUIT_BREAKER_TIMEOUT_MS},
 * then lets a single probe through (half-open): its success closes the circuit, its failure opens it again.
 * Breakers outlive provider edits, since an edit does not make a failing backend healthy.
 */
public final class CircuitBreakers implements CircuitStates {

    private record Entry(CircuitBreaker breaker, String providerName) {}

    private final CircuitBreakerConfig config;
    private final ConcurrentMap<String, Entry> byProvider = new ConcurrentHashMap<>();

    public CircuitBreakers(RoutingConfig settings, Clock clock) {
        int threshold = settings.circuitBreakerThreshold();
        this.config = CircuitBreakerConfig.custom()
                .slidingWindow(threshold, threshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                // Slowness is the deadline's business, not the circuit's: long CLI answers are normal.
                .slowCallDurationThreshold(Duration.ofDays(1))
                .waitDurationInOpenState(settings.circuitBreakerTimeout())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
    }

    /** The provider's breaker, created closed on first use. */
    CircuitBreaker of(Provider provider) {
        Entry entry = byProvider.compute(provider.id(), (id, old) -> {
            if (old == null) {
                return new Entry(CircuitBreaker.of(id, config), provider.name());
            }
            return old.providerName().equals(provider.name()) ? old : new Entry(old.breaker(), provider.name());
        });
        return entry.breaker();
    }

    /** Closes the provider's circuit and forgets its recent calls (an operator's override). */
    public boolean reset(String providerId) {
        Entry entry = byProvider.get(providerId);
        if (entry == null) {
            return false;
        }
        entry.breaker().reset();
        return true;
    }

    @Override
    public List<CircuitView> circuits() {
        return byProvider.entrySet().stream()
                .map(e -> view(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(CircuitView::providerName))
                .toList();
    }

    @Override
    public Optional<CircuitView> circuit(String providerId) {
        return Optional.ofNullable(byProvider.get(providerId)).map(entry -> view(providerId, entry));
    }

    private static CircuitView view(String providerId, Entry entry) {
        CircuitBreaker.Metrics metrics = entry.breaker().getMetrics();
        return new CircuitView(
                providerId,
                entry.providerName(),
                entry.breaker().getState().name().toLowerCase(Locale.ROOT),
                metrics.getFailureRate(),
                metrics.getNumberOfBufferedCalls(),
                metrics.getNumberOfFailedCalls(),
                metrics.getNumberOfNotPermittedCalls());
    }
}
