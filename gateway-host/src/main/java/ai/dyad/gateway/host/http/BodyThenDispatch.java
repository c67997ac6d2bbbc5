package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.util.concurrent.ExecutorService;

/**
 * Reads the whole request body on the IO thread (non-blocking, bounded by the size limit), then runs the
 * handler on a virtual thread with the body in hand. Nothing after this point runs on an IO thread.
 */
public final class BodyThenDispatch implements HttpHandler {

    /** A handler that receives the complete body on a virtual thread. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final BodyHandler next;
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final long maxRequestSize;

    public BodyThenDispatch(
            BodyHandler next, ExecutorService virtualThreads, ErrorResponder errors, long maxRequestSize) {
        this.next = next;
        this.virtualThreads = virtualThreads;
        this.errors = errors;
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null && parse(length) > maxRequestSize) {
            // Refuse before reading: the rest of the body is never pulled off the socket.
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.tooLarge(maxRequestSize));
            return;
        }
        exchange.setMaxEntitySize(maxRequestSize);
        exchange.getRequestReceiver()
                .receiveFullBytes((ex, body) -> ex.dispatch(virtualThreads, () -> run(ex, body)), (ex, failure) -> {
                    ex.setPersistent(false);
                    if (failure instanceof RequestTooBigException) {
                        errors.send(ex, ApiError.tooLarge(maxRequestSize));
                    } else {
                        ex.endExchange(); // the client went away while sending
                    }
                });
    }

    private void run(HttpServerExchange exchange, byte[] body) {
        new ErrorBoundary(ex -> next.handle(ex, body), errors).handleRequest(exchange);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
