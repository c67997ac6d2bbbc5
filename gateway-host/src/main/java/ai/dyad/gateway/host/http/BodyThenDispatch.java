package ai.dyad.gateway.host.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads the whole request body on the IO thread (non-blocking, bounded by the size limit), then runs the
 * handler on a virtual thread with the body in hand. Nothing after this point runs on an IO thread.
 */
public final class BodyThenDispatch implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyThenDispatch.class);

    /** A handler that receives the complete body on a virtual thread. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final BodyHandler next;
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final long maxRequestSize;
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
        this.bodyTimeout = bodyTimeout;
    }

    /** The body timeout of handlers built without one: REQUEST_BODY_TIMEOUT_MS's default. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null && parse(length) > maxRequestSize) {
            // Refuse before reading: the rest of the body is never pulled off the socket.
            exchange.setPersistent(false);
            errors.send(exchange, ApiError.tooLarge(maxRequestSize));
            return;
        }
        // A client trickling its body byte by byte would hold the connection forever (slow loris); the
        // socket's idle timeout never fires while bytes keep coming, so the whole body gets a deadline.
        XnioExecutor.Key deadline = exchange.getIoThread()
                .executeAfter(
                        () -> {
                            LOG.debug("request body not received within {} ms: closing", bodyTimeout.toMillis());
                            IoUtils.safeClose(exchange.getConnection());
                        },
                        bodyTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        Receiver.ErrorCallback failed = (ex, failure) -> {
            deadline.remove();
            ex.setPersistent(false);
            if (failure instanceof RequestTooBigException) {
                errors.send(ex, ApiError.tooLarge(maxRequestSize));
            } else {
                ex.endExchange(); // the client went away while sending
            }
        };
        if (length != null) {
            exchange.setMaxEntitySize(maxRequestSize);
            exchange.getRequestReceiver()
                    .receiveFullBytes(
                            (ex, body) -> {
                                deadline.remove();
                                ex.dispatch(virtualThreads, () -> run(ex, body));
                            },
                            failed);
            return;
        }
        // A chunked body has no length up front: count while reading and answer 413 as soon as it passes
        // the limit. (Undertow's own entity limit closes such a connection without any answer.)
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        exchange.getRequestReceiver()
                .receivePartialBytes(
                        (ex, chunk, last) -> {
                            if (collected.size() + (long) chunk.length > maxRequestSize) {
                                deadline.remove();
                                ex.getRequestReceiver().pause();
                                ex.setPersistent(false);
                                errors.send(ex, ApiError.tooLarge(maxRequestSize));
                                return;
                            }
                            collected.writeBytes(chunk);
                            if (last) {
                                deadline.remove();
                                byte[] body = collected.toByteArray();
                                ex.dispatch(virtualThreads, () -> run(ex, body));
                            }
                        },
                        failed);
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
