package ai.dyad.gateway.host.health;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.resilience.CallObserver;
import ai.dyad.gateway.host.resilience.CircuitStates;
import ai.dyad.gateway.host.resilience.CircuitView;
import ai.dyad.gateway.host.routing.Standing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each provider's health, from real traffic (the last calls of the last minute) and from active checks
 * (the last few). The router reads {@link #of} on every request, so this is in memory and cheap; the
 * checker persists {@link #status} to the registry.
 *
 * <p>Status: {@code unhealthy} when the last check failed, the circuit is open or at least half the
 * recent calls failed; {@code degraded} when the last check said so, the circuit is half-open or a tenth
 * of the recent calls failed; {@code unknown} with no evidence; else {@code healthy}. Only a failed
 * check sends a provider to the back of the line (its circuit already skips it when traffic fails, and
 * must stay free to probe it); a degraded one yields to the healthy ones of its priority.
 */
public final class ProviderHealth implements CallObserver, Standing.Source {

    static final Duration CALL_WINDOW = Duration.ofMinutes(1);
    static final int MAX_CALLS = 100;
    static final int MAX_CHECKS = 10;
    static final int MIN_CALLS = 5;

    private record Call(Instant at, boolean ok, long latencyMs) {}

    private record Check(Instant at, Health.Status status, long latencyMs, String detail) {}

    private static final class Stats {
        final Deque<Call> calls = new ArrayDeque<>();
        final Deque<Check> checks = new ArrayDeque<>();
    }

    private final CircuitStates circuits;
    private final Clock clock;
    private final Map<String, Stats> byProvider = new ConcurrentHashMap<>();

    public ProviderHealth(CircuitStates circuits, Clock clock) {
        this.circuits = circuits;
        this.clock = clock;
    }

    @Override
    public void called(String providerId, boolean ok, Duration latency) {
        Stats stats = stats(providerId);
        synchronized (stats) {
            stats.calls.addLast(new Call(clock.instant(), ok, latency.toMillis()));
            while (stats.calls.size() > MAX_CALLS) {
                stats.calls.removeFirst();
            }
        }
    }

    /** Records an active check (or an operator's test call). */
    public void checked(String providerId, Health result) {
        Stats stats = stats(providerId);
        synchronized (stats) {
            stats.checks.addLast(
                    new Check(clock.instant(), result.status(), result.latency().toMillis(), result.detail()));
            while (stats.checks.size() > MAX_CHECKS) {
                stats.checks.removeFirst();
            }
        }
    }

    @Override
    public Standing of(String providerId) {
        Stats stats = byProvider.get(providerId);
        if (stats == null) {
            return Standing.GOOD;
        }
        synchronized (stats) {
            Check last = stats.checks.peekLast();
            if (last != null && last.status() == Health.Status.UNHEALTHY) {
                return Standing.BAD;
            }
            boolean degraded =
                    last != null && last.status() == Health.Status.DEGRADED || errorRate(recentCalls(stats)) >= 0.1;
            return degraded ? Standing.DEGRADED : Standing.GOOD;
        }
    }

    /** The provider's health as stored in the registry and shown to operators. */
    public HealthStatus status(String providerId) {
        Stats stats = byProvider.get(providerId);
        Optional<String> circuit = circuits.circuit(providerId).map(CircuitView::state);
        if (stats == null) {
            return circuit.filter("open"::equals).isPresent()
                    ? new HealthStatus("unhealthy", null, 0, 0, 1)
                    : HealthStatus.unknown();
        }
        synchronized (stats) {
            Deque<Call> recent = recentCalls(stats);
            Check last = stats.checks.peekLast();
            double errorRate = recent.isEmpty() ? 0 : errorRate(recent);
            double rawErrorRate =
                    recent.isEmpty() ? 0 : recent.stream().filter(c -> !c.ok()).count() / (double) recent.size();
            long okChecks = stats.checks.stream()
                    .filter(c -> c.status() != Health.Status.UNHEALTHY)
                    .count();
            double availability = stats.checks.isEmpty() ? 1 - rawErrorRate : okChecks / (double) stats.checks.size();
            String status;
            if (recent.isEmpty() && last == null) {
                status = circuit.filter("open"::equals).isPresent() ? "unhealthy" : "unknown";
            } else if (last != null && last.status() == Health.Status.UNHEALTHY
                    || circuit.filter("open"::equals).isPresent()
                    || errorRate >= 0.5) {
                status = "unhealthy";
            } else if (last != null && last.status() == Health.Status.DEGRADED
                    || circuit.filter("half_open"::equals).isPresent()
                    || errorRate >= 0.1) {
                status = "degraded";
            } else {
                status = "healthy";
            }
            return new HealthStatus(
                    status, last == null ? null : last.at(), responseTime(recent, last), rawErrorRate, availability);
        }
    }

    /** The detail of the provider's last check, if any (for example why it failed). */
    public Optional<String> lastCheckDetail(String providerId) {
        Stats stats = byProvider.get(providerId);
        if (stats == null) {
            return Optional.empty();
        }
        synchronized (stats) {
            return Optional.ofNullable(stats.checks.peekLast()).map(Check::detail);
        }
    }

    private Deque<Call> recentCalls(Stats stats) {
        Instant since = clock.instant().minus(CALL_WINDOW);
        while (!stats.calls.isEmpty() && stats.calls.peekFirst().at().isBefore(since)) {
            stats.calls.removeFirst();
        }
        return stats.calls;
    }

    /** The failed share of the calls, or 0 while there are too few to judge. */
    private static double errorRate(Deque<Call> calls) {
        if (calls.size() < MIN_CALLS) {
            return 0;
        }
        return calls.stream().filter(c -> !c.ok()).count() / (double) calls.size();
    }

    /** Mean latency of the recent successful calls, else the last check's. */
    private static long responseTime(Deque<Call> calls, Check last) {
        long ok = 0;
        long total = 0;
        for (Call c : calls) {
            if (c.ok()) {
                ok++;
                total += c.latencyMs();
            }
        }
        if (ok > 0) {
            return total / ok;
        }
        return last == null ? 0 : last.latencyMs();
    }

    private Stats stats(String providerId) {
        return byProvider.computeIfAbsent(providerId, id -> new Stats());
    }
}
