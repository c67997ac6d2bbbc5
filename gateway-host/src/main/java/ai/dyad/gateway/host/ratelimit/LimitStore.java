package ai.dyad.gateway.host.ratelimit;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Where window counters live: in this process, or in Redis for every gateway instance at once. */
public interface LimitStore {

    /**
     * Checks all limits and charges all of them only if every one has room (atomically, also across
     * instances sharing the store). Never blocks: the answer comes when the store has decided, at most one
     * bounded network round trip later, already complete when the store is local.
     *
     * <p>Completes exceptionally with {@link LimitStoreUnavailableException} when the store cannot answer
     * (Redis down).
     */
    CompletionStage<Admission> admitAsync(List<WindowLimit> limits);

    /**
     * {@link #admitAsync}, waited for; only for threads that may block (virtual threads, housekeeping).
     *
     * @throws LimitStoreUnavailableException when the store cannot answer (Redis down)
     */
    default Admission admit(List<WindowLimit> limits) {
        try {
            return admitAsync(limits).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Adds {@code delta} (negative to refund) to the window a charge went to. A refund to a window that has
     * since closed is dropped; an extra charge then goes to the current window, if one is open. Waits at
     * most one bounded round trip, so the next admission anywhere sees it (call it from a thread that may
     * block), and never throws: a lost adjustment only skews one window.
     */
    void adjust(String bucket, String windowId, long delta);
}
