package ai.dyad.gateway.host.ratelimit;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.http.ErrorBoundary;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.registry.ApiKey;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Counts every {@code /v1} request against its key's request limit (after auth, before the body is read)
 * and answers 429 when the window is full; writes the {@code x-ratelimit-*} headers on every response. The
 * token headers show the current token window; chat and embeddings charge tokens later, in
 * {@link TokenBudget}.
 *
 * <p>Nothing waits for the store: while Redis decides, the exchange is parked (dispatched, no thread held)
 * and the chain resumes on the connection's IO thread when the answer arrives, exactly where it would have
 * gone on without limits. So a request costs no thread hop of its own beyond Redis' reply, and the
 * endpoint's own dispatch to a virtual thread (after its body is read) stays the only one. A local store has
 * decided by the time it returns, and the chain simply goes on.
 */
public final class RateLimitHandler implements HttpHandler {

    private final HttpHandler next;
    private final KeyLimits limits;
    private final LimitStore store;
    private final ErrorResponder errors;
    private final RateLimitRejections rejections;

    public RateLimitHandler(HttpHandler next, KeyLimits limits, LimitStore store, ErrorResponder errors) {
        this(next, limits, store, errors, RateLimitRejections.NONE);
    }

    public RateLimitHandler(
            HttpHandler next,
            KeyLimits limits,
            LimitStore store,
            ErrorResponder errors,
            RateLimitRejections rejections) {
        this.next = next;
        this.limits = limits;
        this.store = store;
        this.errors = errors;
        this.rejections = rejections;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ApiKey key = ApiKeyAuth.caller(exchange);
        Optional<WindowLimit> requests = limits.requests(key, 1);
        Optional<WindowLimit> tokens = limits.tokens(key, 0);
        if (requests.isEmpty() && tokens.isEmpty()) {
            next.handleRequest(exchange);
            return;
        }
        List<WindowLimit> asked = new ArrayList<>(2);
        requests.ifPresent(asked::add);
        tokens.ifPresent(asked::add);
        CompletableFuture<Admission> decided = store.admitAsync(asked).toCompletableFuture();
        if (decided.isDone()) {
            proceed(exchange, requests.isPresent(), tokens.isPresent(), decided);
            return;
        }
        HttpHandler resume =
                new ErrorBoundary(ex -> proceed(ex, requests.isPresent(), tokens.isPresent(), decided), errors);
        // Parks the exchange once this handler returns; the store's answer (on Redisson's event loop) hands it
        // back to the IO thread, where handlers run as they would have without the wait.
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> decided.whenComplete((admission, failure) -> exchange.dispatch(exchange.getIoThread(), resume)));
    }

    private void proceed(
            HttpServerExchange exchange,
            boolean countsRequests,
            boolean countsTokens,
            CompletableFuture<Admission> decided)
            throws Exception {
        Admission admission;
        try {
            admission = decided.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        int at = 0;
        if (countsRequests) {
            RateLimitHeaders.write(exchange, "requests", admission.states().get(at++));
        }
        if (countsTokens) {
            RateLimitHeaders.write(exchange, "tokens", admission.states().get(at));
        }
        if (!admission.admitted()) {
            rejections.rejected("requests");
            throw RateLimitHeaders.exceeded("requests", admission.states().getFirst(), 1)
                    .exception();
        }
        next.handleRequest(exchange);
    }
}
