package ai.dyad.gateway.host.http;

import io.undertow.Handlers;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Protocols;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shutdown's first phase: once {@link #drain} is called, new requests get a 503 (and their connections
 * close) while the requests already running, streams included, get the grace period to finish. Undertow's
 * {@link GracefulShutdownHandler} counts the requests in flight; the check in front of it answers the
 * rejected ones with a proper error body and request id. Load balancers retry a 503 elsewhere.
 *
 * <p>A request counts as finished once its last bytes are written to the socket, not once its client has
 * read them. Closing an HTTP/2 connection right then can still cut the answer: the JDK's HTTP client (which
 * speaks h2c by default) fails a stream whose last frames it has received but its caller not yet read when
 * the connection ends. So the connections of HTTP/2 requests that ended during the drain stay open a little
 * longer ({@link #CLIENT_LINGER}, within the grace period), or until their clients hang up. HTTP/1 clients
 * read what arrived before the connection closed, so theirs are not waited for.
 */
public final class Draining {

    private static final Logger LOG = LoggerFactory.getLogger(Draining.class);

    /** The most a finished drain waits for HTTP/2 clients to read the end of their streams and hang up. */
    static final Duration CLIENT_LINGER = Duration.ofSeconds(2);

    private static final long POLL_MILLIS = 20;

    private final ErrorResponder errors;
    private final Set<ServerConnection> endedWhileDraining = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private volatile GracefulShutdownHandler inFlight;

    public Draining(ErrorResponder errors) {
        this.errors = errors;
    }

    /** Puts the drain check and the in-flight count in front of {@code next}; once per server. */
    HttpHandler wrap(HttpHandler next) {
        ExchangeCompletionListener noteEnd = this::noteEnd;
        GracefulShutdownHandler counted = Handlers.gracefulShutdown(exchange -> {
            // Added after the count's own listener, so it runs first (the last added runs first): the
            // connection is noted before drain() can see the count reach zero.
            exchange.addExchangeCompleteListener(noteEnd);
            next.handleRequest(exchange);
        });
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
     * Turns new requests away and waits until the running ones finish, at most {@code grace}; then gives
     * the clients of HTTP/2 streams that ended meanwhile up to {@link #CLIENT_LINGER} (within what is left
     * of {@code grace}) to read their ends and close their connections.
     *
     * @return false when requests were still running at the end of the grace period
     */
    public boolean drain(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        GracefulShutdownHandler counted = inFlight;
        if (counted == null) {
            return true;
        }
        counted.shutdown();
        if (!counted.awaitShutdown(grace.toMillis())) {
            return false;
        }
        long lingerEnd = Math.min(deadline, System.nanoTime() + CLIENT_LINGER.toNanos());
        awaitHangUps(lingerEnd);
        return true;
    }

    private void noteEnd(HttpServerExchange exchange, ExchangeCompletionListener.NextListener nextListener) {
        try {
            if (draining && Protocols.HTTP_2_0.equals(exchange.getProtocol())) {
                endedWhileDraining.add(exchange.getConnection());
            }
        } finally {
            nextListener.proceed();
        }
    }

    /** Waits until the noted connections are closed (by their clients), at most until {@code end}. */
    private void awaitHangUps(long end) throws InterruptedException {
        List<ServerConnection> open = openNoted();
        if (open.isEmpty()) {
            return;
        }
        LOG.info(
                "requests finished; giving HTTP/2 clients up to {} ms to read the end of their streams",
                Math.max(0, (end - System.nanoTime()) / 1_000_000));
        // Polled: a close listener cannot be removed, and one added to a connection that closes meanwhile
        // might never run. This runs once, at shutdown.
        while (!open.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(POLL_MILLIS);
            open = openNoted();
        }
    }

    private List<ServerConnection> openNoted() {
        return endedWhileDraining.stream().filter(ServerConnection::isOpen).toList();
    }
}
