package ai.dyad.gateway.wire.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

/**
 * The one OkHttp client of a plugin. Every provider leases a view of it with its own timeouts; all views
 * share one connection pool (keep-alive, HTTP/2 multiplexing to the same host), so a plugin with ten
 * providers of one vendor still holds one set of connections. Built on the first lease and shut down when
 * the last lease is returned, so a stopped plugin leaves no threads or sockets behind.
 *
 * <p>Held by the plugin's factory; thread-safe.
 */
public final class SharedHttpClient {

    /** OkHttp keeps 5 idle connections by default; a gateway relaying concurrent calls needs more. */
    static final int MAX_IDLE_CONNECTIONS = 64;

    private OkHttpClient base;
    private TaskRunner poolTasks;
    private CallTimeouts callTimeouts;
    private int leases;

    /** A client for one provider; return it with {@link Lease#close()} when the provider's adapter closes. */
    public synchronized Lease lease(Timeouts timeouts, UpstreamProtocol protocol) {
        if (base == null) {
            poolTasks = QuietPoolTasks.runner();
            base = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(
                            MAX_IDLE_CONNECTIONS,
                            5,
                            TimeUnit.MINUTES,
                            poolTasks,
                            ConnectionListener.Companion.getNONE()))
                    // A redirected POST would be replayed as a GET; an upstream that redirects is misconfigured.
                    .followRedirects(false)
                    .followSslRedirects(false)
                    // Silence and deadlines are timed by CallTimeouts (see there why); connecting stays OkHttp's.
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO)
                    .build();
            callTimeouts = new CallTimeouts();
        }
        leases++;
        OkHttpClient.Builder view = base.newBuilder().connectTimeout(timeouts.connect());
        if (protocol == UpstreamProtocol.H2C) {
            // A connection's protocols are part of its address, so h2c views never share one with the others.
            view.protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        }
        OkHttpClient client = view.build();
        return new Lease(this, client, timeouts, callTimeouts);
    }

    /** Whether a client is currently built; for tests. */
    synchronized boolean isOpen() {
        return base != null;
    }

    private synchronized void release() {
        if (--leases == 0) {
            base.dispatcher().executorService().shutdown();
            base.connectionPool().evictAll();
            QuietPoolTasks.shutdown(poolTasks);
            poolTasks = null;
            base = null;
            callTimeouts.close();
            callTimeouts = null;
        }
    }

    /** One provider's view of the shared client. */
    public static final class Lease implements AutoCloseable {

        private final SharedHttpClient owner;
        private final OkHttpClient client;
        private final Timeouts timeouts;
        private final CallTimeouts callTimeouts;
        private boolean closed;

        private Lease(SharedHttpClient owner, OkHttpClient client, Timeouts timeouts, CallTimeouts callTimeouts) {
            this.owner = owner;
            this.client = client;
            this.timeouts = timeouts;
            this.callTimeouts = callTimeouts;
        }

        public OkHttpClient client() {
            return client;
        }

        /** This provider's timeouts: connecting is timed by the client, silence by {@link #watch}. */
        public Timeouts timeouts() {
            return timeouts;
        }

        /** Times {@code call}'s silences by this provider's read timeout and ends it by {@code deadline}. */
        CallTimeouts.Timed watch(Call call, Instant deadline, Instant now) {
            return callTimeouts.watch(call, timeouts.read(), deadline, now);
        }

        /** Returns the lease; idempotent. Calls still running finish on their connections. */
        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            owner.release();
        }
    }
}
