package ai.dyad.gateway.host.registry.changes;

import ai.dyad.gateway.host.registry.ChangeCounters;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every instance's in-memory registry (routing table, key cache, plugin states) in step with the
 * store. A feature that changes registry data calls {@link #publish} after its write; features holding such
 * data {@link #subscribe} a reload. Three paths, from fastest to most robust:
 *
 * <ol>
 *   <li>the writing instance reloads at once, before its admin request answers;
 *   <li>with Redis, the others hear a notice and reload within moments;
 *   <li>every instance polls the store's change counters every {@code REGISTRY_REFRESH_MS}, which also
 *       covers notices lost while Redis was away, and is the only path without Redis.
 * </ol>
 *
 * Remote reloads run on one background thread, one at a time.
 */
public final class RegistryChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryChanges.class);

    private final ChangeCounters counters;
    private final Optional<RedisChangeChannel> redis;
    private final Duration pollEvery;
    private final String instanceId = UUID.randomUUID().toString();
    private final Map<ChangeKind, List<Runnable>> listeners = new EnumMap<>(ChangeKind.class);
    private final Map<ChangeKind, Long> loaded = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("registry-refresh").daemon().factory());
    private volatile boolean pollFailing;

    /**
     * Reads the counters now: create this before the initial loads, so a change made between the two is
     * seen as new by the first poll rather than missed.
     */
    public RegistryChanges(ChangeCounters counters, Optional<RedissonClient> redis, Duration pollEvery) {
        this.counters = counters;
        this.redis = redis.map(RedisChangeChannel::new);
        this.pollEvery = pollEvery;
        for (ChangeKind kind : ChangeKind.values()) {
            listeners.put(kind, new CopyOnWriteArrayList<>());
        }
        markLoaded(counters.read());
    }

    /** Runs {@code reload} whenever {@code kind} changes, here or on another instance. */
    public void subscribe(ChangeKind kind, Runnable reload) {
        listeners.get(kind).add(reload);
    }

    /** Starts listening on Redis and polling the store; call once every subscriber is in place. */
    public void start() {
        redis.ifPresent(channel -> channel.listen(notice -> {
            if (!notice.origin().equals(instanceId)) {
                refresher.execute(() -> reloadIfNewer(notice.kind(), notice.counter()));
            }
        }));
        long millis = pollEvery.toMillis();
        refresher.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Announces a committed change of {@code kind}: counts it in the store, reloads this instance's
     * subscribers before returning (so the caller's next request sees it), then tells the other instances.
     */
    public void publish(ChangeKind kind) {
        long counter = counters.bump(kind.wireName());
        // The reload reads the store after the counter moved, so it includes every change counted so far.
        listeners.get(kind).forEach(Runnable::run);
        loaded.put(kind, counter);
        redis.ifPresent(channel -> channel.publish(new ChangeNotice(kind, counter, instanceId)));
    }

    private void poll() {
        Map<String, Long> current;
        try {
            current = counters.read();
        } catch (RuntimeException e) {
            if (!pollFailing) {
                LOG.warn("cannot read registry change counters (will keep trying): {}", e.getMessage());
                pollFailing = true;
            }
            return;
        }
        if (pollFailing) {
            LOG.info("registry change counters readable again");
            pollFailing = false;
        }
        for (ChangeKind kind : ChangeKind.values()) {
            // Any difference counts, not just growth: after db-reset the counters start again from zero.
            long counter = current.getOrDefault(kind.wireName(), 0L);
            if (counter != loaded.getOrDefault(kind, 0L)) {
                reload(kind, counter);
            }
        }
    }

    private void reloadIfNewer(ChangeKind kind, long counter) {
        if (counter > loaded.getOrDefault(kind, 0L)) {
            reload(kind, counter);
        }
    }

    private void reload(ChangeKind kind, long counter) {
        try {
            listeners.get(kind).forEach(Runnable::run);
            loaded.put(kind, counter);
            LOG.debug("reloaded {} after a change elsewhere (counter {})", kind.wireName(), counter);
        } catch (RuntimeException e) {
            // Left unmarked, so the next poll tries again.
            LOG.warn("reloading {} after a change elsewhere failed: {}", kind.wireName(), e.getMessage());
        }
    }

    private void markLoaded(Map<String, Long> current) {
        for (ChangeKind kind : ChangeKind.values()) {
            loaded.put(kind, current.getOrDefault(kind.wireName(), 0L));
        }
    }

    @Override
    public void close() {
        redis.ifPresent(RedisChangeChannel::close);
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
