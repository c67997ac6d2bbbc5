package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.host.deadlines.Deadlines;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Notices a client that hangs up while its call runs silently. Once Undertow has parsed a request it stops
 * reading the connection, so a client's FIN goes unseen until a write fails: a CLI that prints nothing for
 * minutes would keep running for a client long gone. While the exchange is open this polls the raw connection
 * on its IO thread: end-of-stream or an error closes the connection (which fires the close listeners that
 * cancel the call); bytes of a pipelined next request are handed back to Undertow and the watch ends.
 *
 * <p>The first poll comes after {@link #FIRST_INTERVAL_MS} ms and each wait doubles up to {@link
 * #MAX_INTERVAL_MS}: a short call is watched closely, and a long stream costs one poll a second, not fifty.
 * With fixed 20 ms polls, thousands of open streams kept the IO threads busy polling (measured: 9,800 slow
 * streams took three times as long to open) and delayed every new request.
 *
 * <p>The first poll is armed on the shared {@link Deadlines} ticker, not on the IO thread: most calls end
 * before it, and scheduling on (and removing from) an XNIO thread's timer queue from another thread takes its
 * work lock and often wakes its selector, which under load cost more IO-thread time than reading the
 * requests. Later polls are scheduled by the poll itself, on the IO thread.
 */
final class ConnectionEofWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEofWatch.class);
    private static final AttachmentKey<ConnectionEofWatch> WATCH = AttachmentKey.create(ConnectionEofWatch.class);
    static final long FIRST_INTERVAL_MS = 100;
    static final long MAX_INTERVAL_MS = 1_000;

    private final AbstractServerConnection connection;
    private final Runnable poll = this::poll;
    private long interval = FIRST_INTERVAL_MS;
    private boolean stopped;
    private Deadlines.Watch first;
    private XnioExecutor.Key next;

    private ConnectionEofWatch(AbstractServerConnection connection) {
        this.connection = connection;
    }

    /** Starts watching for the rest of the exchange (once per exchange); only HTTP/1 connections. */
    static void start(HttpServerExchange exchange, Deadlines deadlines) {
        if (!(exchange.getConnection() instanceof AbstractServerConnection connection)
                || exchange.getAttachment(WATCH) != null
                || connection.getExtraBytes() != null) {
            return; // HTTP/2 streams, a watch already running, or a pipelining client whose bytes are queued
        }
        ConnectionEofWatch watch = new ConnectionEofWatch(connection);
        exchange.putAttachment(WATCH, watch);
        // Listeners run last-added first, so this stops the watch before Undertow reads the next request.
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            watch.stop();
            nextListener.proceed();
        });
        watch.arm(deadlines);
    }

    private synchronized void arm(Deadlines deadlines) {
        if (!stopped) {
            first = deadlines.watch(
                    Duration.ofMillis(FIRST_INTERVAL_MS),
                    () -> connection.getIoThread().execute(poll));
            interval = Math.min(MAX_INTERVAL_MS, interval * 2);
        }
    }

    /** Schedules the next poll; runs on the connection's IO thread (from a poll), so no cross-thread lock. */
    private synchronized void schedule() {
        if (!stopped) {
            next = connection.getIoThread().executeAfter(poll, interval, TimeUnit.MILLISECONDS);
            interval = Math.min(MAX_INTERVAL_MS, interval * 2);
        }
    }

    private synchronized void stop() {
        stopped = true;
        if (first != null) {
            first.cancel();
        }
        if (next != null) {
            next.remove();
        }
    }

    private void poll() {
        synchronized (this) {
            if (stopped || !connection.isOpen()) {
                return;
            }
            PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
            boolean handedBack = false;
            try {
                int read = connection.getOriginalSourceConduit().read(pooled.getBuffer());
                if (read < 0) {
                    LOG.debug("client closed its connection while its request ran");
                    IoUtils.safeClose(connection);
                    return;
                }
                if (read > 0) {
                    pooled.getBuffer().flip();
                    connection.setExtraBytes(pooled); // Undertow parses these first once the exchange ends
                    handedBack = true;
                    stopped = true;
                    return;
                }
            } catch (IOException e) {
                LOG.debug("client connection failed while its request ran: {}", e.getMessage());
                IoUtils.safeClose(connection);
                return;
            } finally {
                if (!handedBack) {
                    pooled.close();
                }
            }
        }
        schedule();
    }
}
