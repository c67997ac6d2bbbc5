package ai.dyad.gateway.host.health;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.registry.ProviderRepository;
import ai.dyad.gateway.host.routing.LiveProvider;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every enabled provider with its adapter's cheap {@code health()} every
 * {@code HEALTH_CHECK_INTERVAL_MS}, all providers in parallel, each bounded by a timeout, then stores every
 * provider's health in the registry. Rounds never overlap.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);
    private static final Duration LONGEST_CHECK = Duration.ofSeconds(10);

    private final ProviderRuntime providers;
    private final ProviderHealth health;
    private final ProviderRepository repository;
    private final ExecutorService virtualThreads;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public HealthChecker(
            ProviderRuntime providers,
            ProviderHealth health,
            ProviderRepository repository,
            ExecutorService virtualThreads,
            Duration interval,
            Clock clock) {
        this.providers = providers;
        this.health = health;
        this.repository = repository;
        this.virtualThreads = virtualThreads;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts the periodic checks, the first one at once; does nothing when the interval is zero. */
    public synchronized void start() {
        if (interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-checks").daemon(true).factory());
        timer.scheduleWithFixedDelay(this::checkAllQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: checks every enabled provider, then persists their health. */
    public void checkAll() {
        List<LiveProvider> enabled = providers.table().providers().stream()
                .filter(live -> live.provider().enabled())
                .toList();
        List<Future<?>> running = new ArrayList<>();
        for (LiveProvider live : enabled) {
            running.add(
                    virtualThreads.submit(() -> health.checked(live.provider().id(), check(live, timeout()))));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                LOG.warn("health check failed to run", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (LiveProvider live : enabled) {
            repository.updateHealth(
                    live.provider().id(), health.status(live.provider().id()));
        }
    }

    /** Runs the adapter's probe, bounded by {@code limit}; a probe that throws or hangs is unhealthy. */
    Health check(LiveProvider live, Duration limit) {
        if (live.adapterIfReady().isEmpty()) {
            return Health.unhealthy(live.problem(), Duration.ZERO);
        }
        ModelAdapter adapter = live.adapter();
        Instant start = clock.instant();
        Future<Health> probe = virtualThreads.submit(adapter::health);
        try {
            Health result = probe.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return result == null ? Health.unhealthy("the probe returned nothing", elapsed(start)) : result;
        } catch (TimeoutException e) {
            probe.cancel(true);
            return Health.unhealthy("no answer within " + limit.toMillis() + " ms", elapsed(start));
        } catch (ExecutionException e) {
            return Health.unhealthy("the probe failed: " + e.getCause().getMessage(), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unhealthy("interrupted", elapsed(start));
        }
    }

    private void checkAllQuietly() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            // A store outage must not end the schedule: the next round tries again.
            LOG.warn("health check round failed: {}", e.getMessage());
        }
    }

    private Duration timeout() {
        return interval.isZero() || interval.compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : interval;
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, clock.instant());
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
