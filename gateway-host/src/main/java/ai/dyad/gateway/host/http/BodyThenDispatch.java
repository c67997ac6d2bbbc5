package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.ExecutorService;

/**
 * Reads the whole request body on the IO thread (non-blocking, bounded by the size limit), then runs the
 * handler on a virtual thread with the body in hand. Nothing after this point runs on an IO thread.
 *
 * <p>A body over the limit is read on and discarded (up to a further bound) before the {@code 413} goes out:
 * a server that answers and closes while the client is still sending makes the client's TCP stack drop the
 * answer, so the client would see a reset connection instead of the error.
 */
public final class BodyThenDispatch implements HttpHandler {

    /** A handler that receives the complete body on a virtual thread. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private static final long MIN_DRAIN = 4L * 1024 * 1024;

    private final BodyHandler next;
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final long maxRequestSize;
    private final long drainLimit;

    public BodyThenDispatch(
            BodyHandler next, ExecutorService virtualThreads, ErrorResponder errors, long maxRequestSize) {
        this.next = next;
        this.virtualThreads = virtualThreads;
        this.errors = errors;
        this.maxRequestSize = maxRequestSize;
        this.drainLimit = maxRequestSize + Math.max(maxRequestSize, MIN_DRAIN);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null && parse(length) > drainLimit) {
            // Too big to be worth reading: refuse at once; the rest is never pulled off the socket.
            refuse(exchange);
            return;
        }
        BoundedBody body = new BoundedBody();
        exchange.getRequestReceiver()
                .receivePartialBytes(
                        (ex, bytes, last) -> {
                            if (body.refused) {
                                return;
                            }
                            body.add(bytes);
                            if (body.received > drainLimit) {
                                body.refused = true;
                                refuse(ex);
                            } else if (last && body.received > maxRequestSize) {
                                // Read to the end, so the connection stays usable for the next request.
                                errors.send(ex, ApiError.tooLarge(maxRequestSize));
                            } else if (last) {
                                byte[] complete = body.bytes.toByteArray();
                                ex.dispatch(virtualThreads, () -> run(ex, complete));
                            }
                        },
                        (ex, failure) -> {
                            ex.setPersistent(false);
                            ex.endExchange(); // the client went away while sending
                        });
    }

    private void refuse(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        errors.send(exchange, ApiError.tooLarge(maxRequestSize));
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

    /** The body so far: kept up to the limit, only counted beyond it. Touched by one IO thread. */
    private final class BoundedBody {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long received;
        boolean refused;

        void add(byte[] chunk) {
            received += chunk.length;
            if (received <= maxRequestSize) {
                bytes.writeBytes(chunk);
            }
        }
    }
}
