package ai.dyad.gateway.host.deadlines;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action when a deadline passes, unless the watch was cancelled first; checked by one thread every
 * tick, so a deadline fires up to one tick late.
 *
 * <p>Why not a timed wait per call: a timed park of a virtual thread, and every {@code ScheduledExecutor}
 * task that becomes the earliest, wakes a timer thread when it is scheduled and again when it is cancelled.
 * Nearly every call finishes long before its deadline, so those wakeups were pure cost on the hot path (a
 * tenth of the gateway's CPU under load). Here watching and cancelling touch one concurrent set; the ticker
 * wakes at its own pace whatever the traffic.
 */
public final class Deadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

    /** The default tick: fine enough for request deadlines, which are seconds long. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(25);

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    private final Thread ticker;
    private volatile boolean closed;

    private Deadlines(Duration tick) {
        this.tickNanos = tick.toNanos();
        this.ticker = Thread.ofPlatform().name("deadlines").daemon().unstarted(this::tickUntilClosed);
    }

    /** Starts the ticker thread. */
    public static Deadlines start(Duration tick) {
        Deadlines deadlines = new Deadlines(tick);
        deadlines.ticker.start();
        return deadlines;
    }

    /**
     * Runs {@code onExpiry} on the ticker thread once {@code timeout} has passed, unless cancelled first.
     * The action must be quick and must not block (it holds up every other deadline).
     */
    public Watch watch(Duration timeout, Runnable onExpiry) {
        Watch watch = new Watch(System.nanoTime() + timeout.toNanos(), onExpiry);
        watches.add(watch);
        return watch;
    }

    /** How many watches are pending; for tests and metrics. */
    public int pending() {
        return watches.size();
    }

    private void tickUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Watch watch : watches) {
                if (now - watch.dueNanos >= 0 && watches.remove(watch)) {
                    expire(watch);
                }
            }
        }
    }

    private static void expire(Watch watch) {
        try {
            watch.onExpiry.run();
        } catch (RuntimeException e) {
            LOG.warn("deadline action failed", e);
        }
    }

    /** Stops the ticker; pending watches never fire. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(ticker);
    }

    /** One pending deadline. Identity-compared, so two watches with the same deadline stay apart. */
    public final class Watch {
        private final long dueNanos;
        private final Runnable onExpiry;

        private Watch(long dueNanos, Runnable onExpiry) {
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
        }

        /** Cancels the watch; does nothing once it fired or was cancelled. */
        public void cancel() {
            watches.remove(this);
        }
    }
}
