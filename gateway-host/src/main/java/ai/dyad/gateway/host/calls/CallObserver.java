package ai.dyad.gateway.host.calls;

import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;

/**
 * Hooks around one provider call (chat completion or embedding), wired by the composition root: limits
 * reserve and settle tokens here, usage is counted here, metrics can time calls here. Both methods run on
 * the request's virtual thread; per-request state belongs in exchange attachments.
 */
public interface CallObserver {

    /**
     * Just before the provider is called. Throw an {@code ApiException} to refuse the call (for example
     * 429 when the token budget is spent); nothing has been sent to the client yet.
     */
    default void beforeCall(HttpServerExchange exchange, CallPlan plan) {}

    /**
     * Once per call that {@link #beforeCall} let through, when its outcome is known and just before the
     * ending reaches the client, so a client that saw the answer can rely on it being counted. Must be quick
     * and must not throw: hand slow work (store writes, network) off the request path.
     */
    default void callEnded(HttpServerExchange exchange, CallOutcome outcome) {}

    /** Observers called in order; if one refuses, those before it hear the call ended as refused. */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> list = List.copyOf(observers);
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
                    admitted.forEach(observer -> observer.callEnded(exchange, outcome));
                    throw refused;
                }
            }

            @Override
            public void callEnded(HttpServerExchange exchange, CallOutcome outcome) {
                list.forEach(observer -> observer.callEnded(exchange, outcome));
            }
        };
    }
}
