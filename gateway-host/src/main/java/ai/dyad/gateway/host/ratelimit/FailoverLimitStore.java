package ai.dyad.gateway.host.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis first; while Redis is unreachable, the local counters, so requests never fail because the limiter
 * is gone. Limits then hold per instance instead of cluster-wide. A background probe switches back as soon
 * as Redis answers again, so only the requests in flight when Redis dies wait for it.
 */
public final class FailoverLimitStore implements LimitStore {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverLimitStore.class);

    private final RedisLimitStore redis;
    private final LocalLimitStore local;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final AtomicLong localDecisions = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();

    public FailoverLimitStore(
            RedisLimitStore redis, LocalLimitStore local, ScheduledExecutorService housekeeping, Duration probeEvery) {
        this.redis = redis;
        this.local = local;
        housekeeping.scheduleWithFixedDelay(
                this::probeWhileDown, probeEvery.toMillis(), probeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Admission> admitAsync(List<WindowLimit> limits) {
        if (redisDown.get()) {
            return CompletableFuture.completedFuture(decideLocally(limits));
        }
        return redis.admitAsync(limits).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (!(cause instanceof LimitStoreUnavailableException unavailable)) {
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            if (redisDown.compareAndSet(false, true)) {
                outages.incrementAndGet();
                LOG.warn(
                        "Redis is unreachable ({}); rate limits now count per instance until it is back",
                        rootMessage(unavailable));
            }
            return decideLocally(limits);
        });
    }

    private Admission decideLocally(List<WindowLimit> limits) {
        localDecisions.incrementAndGet();
        return local.admit(limits);
    }

    @Override
    public void adjust(String bucket, String windowId, long delta) {
        // Admissions hand out their own store, so this is only reached by callers that kept this one.
        (redisDown.get() ? local : redis).adjust(bucket, windowId, delta);
    }

    /** Whether admissions currently go to Redis. */
    public boolean usingRedis() {
        return !redisDown.get();
    }

    /** Admissions decided locally because Redis was unreachable, since start (for metrics). */
    public long localDecisions() {
        return localDecisions.get();
    }

    /** How many times Redis was found unreachable, since start (for metrics). */
    public long outages() {
        return outages.get();
    }

    private void probeWhileDown() {
        if (redisDown.get() && redis.ping()) {
            redisDown.set(false);
            LOG.info("Redis is reachable again; rate limits are cluster-wide again");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
