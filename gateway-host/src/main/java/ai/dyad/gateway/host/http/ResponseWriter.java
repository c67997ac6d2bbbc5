package ai.dyad.gateway.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a response body from a virtual thread without XNIO's blocking streams (which wait in a
 * per-thread selector and would pin the carrier). A full socket parks the virtual thread until the IO
 * thread reports the channel writable again; that is the back-pressure adapters feel in
 * {@code ChatSink.emit}.
 */
public final class ResponseWriter {

    private final HttpServerExchange exchange;
    private final StreamSinkChannel channel;
    private final Duration stallLimit;

    /** Starts the response: headers must be set before this. */
    public ResponseWriter(HttpServerExchange exchange, Duration stallLimit) {
        this.exchange = exchange;
        this.channel = exchange.getResponseChannel();
        this.stallLimit = stallLimit;
    }

    /**
     * Sends a complete body with its length; for small responses on any thread. The caller must not touch
     * the exchange afterwards: off the IO thread, the send (and so the end of the exchange) is handed to it.
     */
    public static void sendWhole(HttpServerExchange exchange, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.isInIoThread()) {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        } else {
            // An exchange that ends on another thread re-arms the connection's reads from there, and while it
            // does, Undertow's read listener spins on the IO thread for the next request (which the client
            // sends the moment it has this answer); under load that spinning was a sixth of the CPU.
            exchange.dispatch(
                    exchange.getIoThread(), ex -> ex.getResponseSender().send(ByteBuffer.wrap(body)));
        }
    }

    /**
     * Writes and flushes all of {@code bytes}, parking while the client is slow.
     *
     * @throws IOException when the client is gone or has not read anything for the stall limit
     */
    public void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                awaitWritable();
            }
        }
        while (!channel.flush()) {
            awaitWritable();
        }
    }

    /**
     * Ends the body; the exchange completes once the last bytes are out. Like {@link #sendWhole}, the end is
     * handed to the IO thread, and the caller must not touch the exchange afterwards.
     */
    public void finish() {
        if (exchange.isInIoThread()) {
            exchange.endExchange();
        } else {
            exchange.dispatch(exchange.getIoThread(), HttpServerExchange::endExchange);
        }
    }

    private void awaitWritable() throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("client connection closed");
        }
        CompletableFuture<Void> writable = new CompletableFuture<>();
        channel.getWriteSetter().set(ch -> {
            ch.suspendWrites();
            writable.complete(null);
        });
        channel.getCloseSetter().set(ch -> writable.complete(null));
        channel.resumeWrites();
        try {
            writable.get(stallLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("client read nothing for " + stallLimit.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
        if (!channel.isOpen()) {
            throw new IOException("client connection closed");
        }
    }
}
