package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads the whole request body on the IO thread (non-blocking, bounded by the size limit), then runs the
 * handler on a virtual thread with the body in hand. Nothing after this point runs on an IO thread.
 *
 * <p>A body over the limit is read on and discarded (up to a further bound) before the {@code 413} goes out:
 * a server that answers and closes while the client is still sending makes the client's TCP stack drop the
 * answer, so the client would see a reset connection instead of the error.
 */
public final class BodyThenDispatch implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyThenDispatch.class);

    /** A handler that receives the complete body on a virtual thread. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private static final long MIN_DRAIN = 4L * 1024 * 1024;
    private static final HttpString HTTP2_SETTINGS = HttpString.tryFromString("HTTP2-Settings");

    /** How long a chunked body over the limit may pause before the 413 goes out without its end. */
    private static final Duration STALL = Duration.ofMillis(250);

    private final BodyHandler next;
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final long maxRequestSize;
    private final long drainLimit;
    private final Duration bodyTimeout;

    public BodyThenDispatch(
            BodyHandler next, ExecutorService virtualThreads, ErrorResponder errors, long maxRequestSize) {
        this(next, virtualThreads, errors, maxRequestSize, DEFAULT_BODY_TIMEOUT);
    }

    /** @param bodyTimeout the time the client has to send the whole body; past it the connection is closed */
    public BodyThenDispatch(
            BodyHandler next,
            ExecutorService virtualThreads,
            ErrorResponder errors,
            long maxRequestSize,
            Duration bodyTimeout) {
        this.next = next;
        this.virtualThreads = virtualThreads;
        this.errors = errors;
        this.maxRequestSize = maxRequestSize;
        this.drainLimit = maxRequestSize + Math.max(maxRequestSize, MIN_DRAIN);
        this.bodyTimeout = bodyTimeout;
    }

    /** The body timeout of handlers built without one: REQUEST_BODY_TIMEOUT_MS's default. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null && parse(length) > drainLimit) {
            // Too big to be worth reading: refuse at once; the rest is never pulled off the socket.
            refuse(exchange);
            return;
        }
        if (upgradeGaveUp(exchange)) {
            // Undertow's h2c upgrade buffers a chunked body up to MAX_BUFFERED_REQUEST_SIZE (set above every
            // body limit) and hands the request on as HTTP/1.1 only when it is bigger; its receiver is spent
            // by then, so the body could not be read here anyway.
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
                            body.stall.ifPresent(XnioExecutor.Key::remove);
                            body.stall = Optional.empty();
                            if (body.received > drainLimit) {
                                body.end();
                                body.refused = true;
                                refuse(ex);
                            } else if (last && body.received > maxRequestSize) {
                                // Read to the end, so the connection stays usable for the next request.
                                body.end();
                                errors.send(ex, ApiError.tooLarge(maxRequestSize));
                            } else if (last) {
                                body.end();
                                byte[] complete = body.take();
                                ex.dispatch(virtualThreads, () -> run(ex, complete));
                            } else if (length == null && body.received > maxRequestSize) {
                                // A chunked body over the limit may never end: once it pauses, answer (the
                                // client is not sending, so closing loses nothing); while it flows, read on.
                                body.stall = Optional.of(ex.getIoThread()
                                        .executeAfter(
                                                () -> {
                                                    if (!body.refused) {
                                                        body.refused = true;
                                                        body.end();
                                                        refuse(ex);
                                                    }
                                                },
                                                STALL.toMillis(),
                                                TimeUnit.MILLISECONDS));
                            }
                        },
                        (ex, failure) -> {
                            body.end();
                            body.stall.ifPresent(XnioExecutor.Key::remove);
                            ex.setPersistent(false);
                            ex.endExchange(); // the client went away while sending
                        });
        if (!body.ended) {
            // A client trickling its body byte by byte would hold the connection forever (slow loris); the
            // socket's idle timeout never fires while bytes keep coming, so the whole body gets a deadline.
            // Armed only when the body did not arrive with the headers, which is nearly always the case.
            body.deadline = exchange.getIoThread()
                    .executeAfter(
                            () -> {
                                LOG.debug("request body not received within {} ms: closing", bodyTimeout.toMillis());
                                IoUtils.safeClose(exchange.getConnection());
                            },
                            bodyTimeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    private void refuse(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        errors.send(exchange, ApiError.tooLarge(maxRequestSize));
    }

    private void run(HttpServerExchange exchange, byte[] body) {
        new ErrorBoundary(ex -> next.handle(ex, body), errors).handleRequest(exchange);
    }

    private static boolean upgradeGaveUp(HttpServerExchange exchange) {
        return Protocols.HTTP_1_1.equals(exchange.getProtocol())
                && exchange.getRequestHeaders().contains(HTTP2_SETTINGS)
                && !exchange.isRequestComplete()
                && exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH) == null;
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
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long received;
        boolean refused;
        boolean ended;
        XnioExecutor.Key deadline;
        Optional<XnioExecutor.Key> stall = Optional.empty();

        /** Reading is over (the body is complete, refused or broken off): the body deadline is void. */
        void end() {
            ended = true;
            if (deadline != null) {
                deadline.remove();
            }
        }

        void add(byte[] chunk) {
            received += chunk.length;
            if (received <= maxRequestSize) {
                bytes.writeBytes(chunk);
            }
        }

        /**
         * The whole body, once. The receiver's callback (and so this) stays reachable for the rest of the
         * exchange, which for a stream is its whole life: the buffer is let go so it is not kept beside the
         * copy handed on.
         */
        byte[] take() {
            byte[] all = bytes.toByteArray();
            bytes = null;
            return all;
        }
    }
}
