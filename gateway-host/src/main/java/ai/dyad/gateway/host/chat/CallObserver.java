package ai.dyad.gateway.host.chat;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told about every provider call: when it starts, when a stream's first chunk is written and how it ended.
 * Metrics, usage accounting and the response cache listen here. Methods run on the request's threads, so
 * they must be quick and must not block; they are never called for requests rejected before a call.
 */
public interface CallObserver {

    /** An observer that ignores everything. */
    CallObserver NONE = new CallObserver() {};

    /** A call is about to start (or a cached answer is about to be served). */
    default void onStart(CallInfo call) {}

    /** The first chunk of the answer reached the client's connection; {@code sinceStart} is the time to it. */
    default void onFirstChunk(CallInfo call, Duration sinceStart) {}

    /** The call ended, however it ended. Called exactly once per {@link #onStart}. */
    default void onEnd(CallInfo call, CallResult result) {}

    /** One observer that tells each of {@code observers} in order; one failing does not stop the others. */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> copy = List.copyOf(observers);
        Logger log = LoggerFactory.getLogger(CallObserver.class);
        return new CallObserver() {
            @Override
            public void onStart(CallInfo call) {
                copy.forEach(o -> guarded(log, () -> o.onStart(call)));
            }

            @Override
            public void onFirstChunk(CallInfo call, Duration sinceStart) {
                copy.forEach(o -> guarded(log, () -> o.onFirstChunk(call, sinceStart)));
            }

            @Override
            public void onEnd(CallInfo call, CallResult result) {
                copy.forEach(o -> guarded(log, () -> o.onEnd(call, result)));
            }
        };
    }

    private static void guarded(Logger log, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("a call observer failed", e);
        }
    }
}
