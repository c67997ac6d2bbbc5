package ai.dyad.gateway.host.ratelimit;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.http.ErrorBoundary;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.registry.ApiKey;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Counts every {@code /v1} request against its key's request limit (after auth, before the body is read)
 * and answers 429 when the window is full; writes the {@code x-ratelimit-*} headers on every response. The
 * token headers show the current token window; chat and embeddings charge tokens later, in
 * {@link TokenBudget}. A store that may block (Redis) is asked from a virtual thread, never an IO thread.
 */
public final class RateLimitHandler implements HttpHandler {

    private final HttpHandler next;
    private final KeyLimits limits;
    private final LimitStore store;
    private final boolean storeMayBlock;
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final RateLimitRejections rejections;

    public RateLimitHandler(
            HttpHandler next,
            KeyLimits limits,
            LimitStore store,
            boolean storeMayBlock,
            ExecutorService virtualThreads,
            ErrorResponder errors) {
        this(next, limits, store, storeMayBlock, virtualThreads, errors, RateLimitRejections.NONE);
    }

    public RateLimitHandler(
            HttpHandler next,
            KeyLimits limits,
            LimitStore store,
            boolean storeMayBlock,
            ExecutorService virtualThreads,
            ErrorResponder errors,
            RateLimitRejections rejections) {
        this.next = next;
        this.limits = limits;
        this.store = store;
        this.storeMayBlock = storeMayBlock;
        this.virtualThreads = virtualThreads;
        this.errors = errors;
        this.rejections = rejections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (storeMayBlock && exchange.isInIoThread()) {
            ErrorBoundary guarded = new ErrorBoundary(this::admitThenContinue, errors);
            exchange.dispatch(virtualThreads, () -> guarded.handleRequest(exchange));
            return;
        }
        admitThenContinue(exchange);
    }

    private void admitThenContinue(HttpServerExchange exchange) throws Exception {
        ApiKey key = ApiKeyAuth.caller(exchange);
        Optional<WindowLimit> requests = limits.requests(key, 1);
        Optional<WindowLimit> tokens = limits.tokens(key, 0);
        List<WindowLimit> asked = new ArrayList<>(2);
        requests.ifPresent(asked::add);
        tokens.ifPresent(asked::add);
        if (!asked.isEmpty()) {
            Admission admission = store.admit(asked);
            int at = 0;
            if (requests.isPresent()) {
                RateLimitHeaders.write(exchange, "requests", admission.states().get(at++));
            }
            if (tokens.isPresent()) {
                RateLimitHeaders.write(exchange, "tokens", admission.states().get(at));
            }
            if (!admission.admitted()) {
                rejections.rejected("requests");
                throw RateLimitHeaders.exceeded("requests", admission.states().getFirst(), 1)
                        .exception();
            }
        }
        next.handleRequest(exchange);
    }
}
