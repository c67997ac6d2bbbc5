package ai.dyad.gateway.host.calls;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hooks around provider calls, wired once by the composition root; each observer implements the hooks it
 * needs. There are two levels:
 *
 * <ul>
 *   <li>per request ({@link #beforeCall}, {@link #callEnded}): one pair per client request however many
 *       providers were tried; limits reserve and settle tokens here, usage is counted here. An answer from
 *       the response cache is a request too, so it is counted like one.
 *   <li>per attempt ({@link #onStart}, {@link #onFirstChunk}, {@link #onEnd}): one set per provider tried
 *       (fallbacks and retries included) and per cache hit; metrics time and count provider calls here, the
 *       cache and the access log learn which provider answered.
 * </ul>
 *
 * <p>Every method runs on the request's threads, so it must be quick and must not block; per-request state
 * belongs in exchange attachments.
 */
public interface CallObserver {

    /** An observer that ignores everything. */
    CallObserver NONE = new CallObserver() {};

    /**
     * Just before the request's first provider call. Throw an {@code ApiException} to refuse the request
     * (for example 429 when the token budget is spent); nothing has been sent to the client yet.
     */
    default void beforeCall(HttpServerExchange exchange, CallPlan plan) {}

    /**
     * Once per request that {@link #beforeCall} let through, when its outcome is known and just before the
     * ending reaches the client, so a client that saw the answer can rely on it being counted. Must not
     * throw: hand slow work (store writes, network) off the request path.
     */
    default void callEnded(HttpServerExchange exchange, CallOutcome outcome) {}

    /** One attempt is about to call a provider (or a cached answer is about to be served). */
    default void onStart(CallInfo call) {}

    /** The attempt's first chunk reached the client's connection; {@code sinceStart} is the time to it. */
    default void onFirstChunk(CallInfo call, Duration sinceStart) {}

    /** The attempt ended, however it ended. Called exactly once per {@link #onStart}. */
    default void onEnd(CallInfo call, CallResult result) {}

    /**
     * Observers told in order. If one refuses in {@link #beforeCall}, those before it hear the request ended
     * as refused and the refusal propagates; any other failing observer is logged and the rest still hear.
     */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> list = List.copyOf(observers);
        Logger log = LoggerFactory.getLogger(CallObserver.class);
        return new CallObserver() {
            @Override
            public void beforeCall(HttpServerExchange exchange, CallPlan plan) {
                List<CallObserver> admitted = new ArrayList<>(list.size());
                try {
                    for (CallObserver observer : list) {
                        observer.beforeCall(exchange, plan);
                        admitted.add(observer);
                    }
                } catch (RuntimeException refused) {
                    CallOutcome outcome = new CallOutcome(
                            plan.model(), CallOutcome.Kind.REFUSED, ai.dyad.gateway.api.chat.Usage.of(0, 0));
                    admitted.forEach(observer -> guarded(log, () -> observer.callEnded(exchange, outcome)));
                    throw refused;
                }
            }

            @Override
            public void callEnded(HttpServerExchange exchange, CallOutcome outcome) {
                list.forEach(observer -> guarded(log, () -> observer.callEnded(exchange, outcome)));
            }

            @Override
            public void onStart(CallInfo call) {
                list.forEach(observer -> guarded(log, () -> observer.onStart(call)));
            }

            @Override
            public void onFirstChunk(CallInfo call, Duration sinceStart) {
                list.forEach(observer -> guarded(log, () -> observer.onFirstChunk(call, sinceStart)));
            }

            @Override
            public void onEnd(CallInfo call, CallResult result) {
                list.forEach(observer -> guarded(log, () -> observer.onEnd(call, result)));
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
