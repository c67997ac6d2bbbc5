package ai.dyad.gateway.host.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Window counters in this process, with the same semantics as {@link RedisLimitStore}: used alone without
 * Redis, and as the fallback while Redis is down. One lock makes multi-counter admissions atomic; the work
 * under it is a few map operations.
 */
public final class LocalLimitStore implements LimitStore {

    private static final class Window {
        final long closes;
        final String id;
        long used;

        Window(long closes, String id) {
            this.closes = closes;
            this.id = id;
        }
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private long nextId;

    public LocalLimitStore(Clock clock) {
        this.clock = clock;
    }

    /** Already decided: the work is a few map operations under a lock. */
    @Override
    public CompletionStage<Admission> admitAsync(List<WindowLimit> limits) {
        return CompletableFuture.completedFuture(admit(limits));
    }

    @Override
    public synchronized Admission admit(List<WindowLimit> limits) {
        long now = clock.millis();
        boolean admitted = true;
        for (WindowLimit limit : limits) {
            Window open = open(limit.bucket(), now);
            long used = open == null ? 0 : open.used;
            if (limit.cost() > 0 && used + limit.cost() > limit.max()) {
                admitted = false;
            }
        }
        List<WindowState> states = new ArrayList<>(limits.size());
        for (WindowLimit limit : limits) {
            Window window = open(limit.bucket(), now);
            if (admitted && limit.cost() > 0) {
                if (window == null) {
                    window = new Window(now + limit.window().toMillis(), "l" + nextId++);
                    windows.put(limit.bucket(), window);
                }
                window.used += limit.cost();
            }
            states.add(
                    window == null
                            ? new WindowState(limit.max(), 0, limit.window(), "")
                            : new WindowState(
                                    limit.max(), window.used, Duration.ofMillis(window.closes - now), window.id));
        }
        return new Admission(admitted, states, this);
    }

    @Override
    public synchronized void adjust(String bucket, String windowId, long delta) {
        Window window = open(bucket, clock.millis());
        if (window == null || !window.id.equals(windowId) && delta < 0) {
            return;
        }
        window.used = Math.max(0, window.used + delta);
    }

    /** Forgets closed windows; the composition root runs this now and then. */
    public synchronized void sweep() {
        long now = clock.millis();
        windows.values().removeIf(window -> window.closes <= now);
    }

    private Window open(String bucket, long now) {
        Window window = windows.get(bucket);
        if (window != null && window.closes <= now) {
            windows.remove(bucket);
            return null;
        }
        return window;
    }
}
