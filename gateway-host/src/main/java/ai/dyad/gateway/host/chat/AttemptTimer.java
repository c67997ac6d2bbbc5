package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.calls.CallResult;
import java.time.Duration;

/**
 * Tells the call observer about one attempt (one provider call): its start, its first chunk and its end,
 * with durations measured on the monotonic clock. Fallbacks and retries each get their own, so metrics see
 * every provider that was tried, not just the one that answered.
 */
final class AttemptTimer {

    private final CallObserver observer;
    private final CallInfo info;
    private final long started = System.nanoTime();
    private volatile Duration firstChunk;
    private boolean ended;

    private AttemptTimer(CallObserver observer, CallInfo info) {
        this.observer = observer;
        this.info = info;
    }

    /** Reports the start, and arranges for the call's first chunk to be reported. */
    static AttemptTimer start(CallObserver observer, CallInfo info, ChatCall call) {
        AttemptTimer timer = new AttemptTimer(observer, info);
        call.onFirstChunk(() -> {
            timer.firstChunk = Duration.ofNanos(System.nanoTime() - timer.started);
            observer.onFirstChunk(info, timer.firstChunk);
        });
        observer.onStart(info);
        return timer;
    }

    /**
     * Reports the end once (later calls do nothing).
     *
     * @param ending how the attempt ended; null when it was cut short (interrupted)
     * @param decided the request's outcome when this attempt decided the answer; null otherwise
     */
    void ended(ChatCall.Ending ending, CallOutcome decided) {
        if (ended) {
            return;
        }
        ended = true;
        observer.onEnd(info, result(ending, decided, Duration.ofNanos(System.nanoTime() - started)));
    }

    private CallResult result(ChatCall.Ending ending, CallOutcome decided, Duration duration) {
        return switch (ending) {
            case ChatCall.Ending.Completed done ->
                new CallResult(
                        CallResult.Outcome.COMPLETED,
                        decided == null ? null : decided.usage(),
                        null,
                        duration,
                        firstChunk);
            case ChatCall.Ending.Failed failed
            when failed.error().kind() == ErrorKind.TIMEOUT ->
                new CallResult(CallResult.Outcome.TIMED_OUT, null, ErrorKind.TIMEOUT, duration, firstChunk);
            case ChatCall.Ending.Failed failed ->
                new CallResult(CallResult.Outcome.FAILED, null, failed.error().kind(), duration, firstChunk);
            case ChatCall.Ending.TimedOut timedOut ->
                new CallResult(CallResult.Outcome.TIMED_OUT, null, ErrorKind.TIMEOUT, duration, firstChunk);
            case ChatCall.Ending.Cancelled cancelled ->
                new CallResult(CallResult.Outcome.CANCELLED, null, null, duration, firstChunk);
            case null -> new CallResult(CallResult.Outcome.FAILED, null, ErrorKind.INTERNAL, duration, firstChunk);
        };
    }
}
