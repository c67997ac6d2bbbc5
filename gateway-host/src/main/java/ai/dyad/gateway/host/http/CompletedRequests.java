package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every request from its arrival to the last byte of its response (streams included) and tells
 * the listeners, with the request id in the logging context.
 */
public final class CompletedRequests implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CompletedRequests.class);

    private final HttpHandler next;
    private final List<CompletedRequest.Listener> listeners;

    public CompletedRequests(HttpHandler next, List<CompletedRequest.Listener> listeners) {
        this.next = next;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!listeners.isEmpty()) {
            long started = System.nanoTime();
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                try {
                    RequestIds.withLogContext(ex, () -> notify(ex, started));
                } finally {
                    nextListener.proceed();
                }
            });
        }
        next.handleRequest(exchange);
    }

    private void notify(HttpServerExchange exchange, long started) {
        CompletedRequest done = new CompletedRequest(
                exchange,
                exchange.getRequestMethod().toString(),
                RouteTemplate.matched(exchange),
                exchange.getStatusCode(),
                Duration.ofNanos(System.nanoTime() - started),
                exchange.getResponseBytesSent());
        for (CompletedRequest.Listener listener : listeners) {
            try {
                listener.onComplete(done);
            } catch (RuntimeException e) {
                LOG.warn("a request listener failed", e);
            }
        }
    }
}
