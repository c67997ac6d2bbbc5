package ai.dyad.gateway.host.http;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.time.Duration;

/**
 * Shutdown's first phase: once {@link #drain} is called, new requests get a 503 (and their connections
 * close) while the requests already running, streams included, get the grace period to finish. Undertow's
 * {@link GracefulShutdownHandler} counts the requests in flight; the check in front of it answers the
 * rejected ones with a proper error body and request id. Load balancers retry a 503 elsewhere.
 */
public final class Draining {

    private final ErrorResponder errors;
    private volatile boolean draining;
    private volatile GracefulShutdownHandler inFlight;

    public Draining(ErrorResponder errors) {
        this.errors = errors;
    }

    /** Puts the drain check and the in-flight count in front of {@code next}; once per server. */
    HttpHandler wrap(HttpHandler next) {
        GracefulShutdownHandler counted = Handlers.gracefulShutdown(next);
        this.inFlight = counted;
        return exchange -> {
            if (draining) {
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
            counted.handleRequest(exchange);
        };
    }

    /**
     * Turns new requests away and waits until the running ones finish, at most {@code grace}.
     *
     * @return false when requests were still running at the end of the grace period
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        GracefulShutdownHandler counted = inFlight;
        if (counted == null) {
            return true;
        }
        counted.shutdown();
        return counted.awaitShutdown(grace.toMillis());
    }
}
