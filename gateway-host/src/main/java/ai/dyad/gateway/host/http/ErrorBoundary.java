package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything thrown by the handlers behind it into an OpenAI error: {@link ApiException}s as they are,
 * everything else as a 500 that names the request id but never leaks a stack trace.
 */
public final class ErrorBoundary implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorBoundary.class);

    private final HttpHandler next;
    private final ErrorResponder errors;

    public ErrorBoundary(HttpHandler next, ErrorResponder errors) {
        this.next = next;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // Handlers behind a boundary often run on a virtual thread of their own: give it the request id.
        RequestIds.withLogContext(exchange, () -> guard(exchange));
    }

    private void guard(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (ApiException e) {
            errors.send(exchange, e.error());
        } catch (Exception e) {
            LOG.error("request {} failed", RequestIds.of(exchange), e);
            errors.send(exchange, ApiError.internal(RequestIds.of(exchange)));
        }
    }
}
