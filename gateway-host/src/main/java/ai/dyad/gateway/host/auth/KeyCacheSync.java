package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.registry.ApiKeyRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the key cache in step with the store on every instance: reloads at once after a local change and
 * on a notice from another instance, and polls as well: every second without cross-instance notices (so a
 * revocation still lands within a second), every 30 seconds with them (a safety net). It also deletes
 * expired keys, which the embedded store's TTL index does not.
 */
public final class KeyCacheSync {

    static final Duration POLL_ALONE = Duration.ofSeconds(1);
    static final Duration POLL_WITH_NOTICES = Duration.ofSeconds(30);
    static final Duration EXPIRY_SWEEP = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(KeyCacheSync.class);

    private final ApiKeyCache cache;
    private final ApiKeyRepository repository;
    private final KeyChangeNotices notices;
    private final ScheduledExecutorService housekeeping;
    private final Clock clock;
    private final AtomicBoolean reloadQueued = new AtomicBoolean();

    public KeyCacheSync(
            ApiKeyCache cache,
            ApiKeyRepository repository,
            KeyChangeNotices notices,
            ScheduledExecutorService housekeeping,
            Clock clock) {
        this.cache = cache;
        this.repository = repository;
        this.notices = notices;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    /** Loads the cache and starts listening and polling. */
    public KeyCacheSync start() {
        cache.reload();
        notices.listen(this::queueReload);
        long poll = (notices.crossInstance() ? POLL_WITH_NOTICES : POLL_ALONE).toMillis();
        housekeeping.scheduleWithFixedDelay(this::reloadQuietly, poll, poll, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(
                this::deleteExpired, EXPIRY_SWEEP.toMillis(), EXPIRY_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** After this instance changed a key: reload here now, and tell the others. */
    public void changed(String keyId) {
        cache.reload();
        notices.announce(keyId);
    }

    // Notices arrive on Redisson's threads, which must not wait on the store; bursts fold into one reload.
    private void queueReload() {
        if (reloadQueued.compareAndSet(false, true)) {
            housekeeping.execute(() -> {
                reloadQueued.set(false);
                reloadQuietly();
            });
        }
    }

    private void reloadQuietly() {
        try {
            cache.reload();
        } catch (RuntimeException e) {
            LOG.warn("could not refresh API keys from the store, keeping the current ones: {}", e.getMessage());
        }
    }

    private void deleteExpired() {
        try {
            long deleted = repository.deleteExpired(clock.instant());
            if (deleted > 0) {
                LOG.info("deleted {} expired API key(s)", deleted);
                changed("expired");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not delete expired API keys: {}", e.getMessage());
        }
    }
}
