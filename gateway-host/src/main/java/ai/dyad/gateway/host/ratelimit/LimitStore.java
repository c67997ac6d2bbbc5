package ai.dyad.gateway.host.ratelimit;

import java.util.List;

/** Where window counters live: in this process, or in Redis for every gateway instance at once. */
public interface LimitStore {

    /**
     * Checks all limits and charges all of them only if every one has room (atomically, also across
     * instances sharing the store). Blocks for at most a network round trip.
     *
     * @throws LimitStoreUnavailableException when the store cannot answer (Redis down)
     */
    Admission admit(List<WindowLimit> limits);

    /**
     * Adds {@code delta} (negative to refund) to the window a charge went to. A refund to a window that has
     * since closed is dropped; an extra charge then goes to the current window, if one is open. Waits at
     * most one bounded round trip and never throws: a lost adjustment only skews one window.
     */
    void adjust(String bucket, String windowId, long delta);
}
