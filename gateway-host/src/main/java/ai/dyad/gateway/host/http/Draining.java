package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.BooleanSupplier;

/**
 * Turns new requests away with a 503 once shutdown has begun, and closes their connections, while the
 * requests already running finish. Load balancers retry a 503 elsewhere.
 */
public final class Draining implements HttpHandler {

    private final HttpHandler next;
    private final BooleanSupplier draining;
    private final ErrorResponder errors;

    public Draining(HttpHandler next, BooleanSupplier draining, ErrorResponder errors) {
        this.next = next;
        this.draining = draining;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (draining.getAsBoolean()) {
            exchange.setPersistent(false);
            errors.send(
                    exchange,
                    new ApiError(
                            503,
                            "service_unavailable_error",
                            "shutting_down",
                            null,
                            "the gateway is shutting down; retry on another instance",
                            null));
            return;
        }
        next.handleRequest(exchange);
    }
}
