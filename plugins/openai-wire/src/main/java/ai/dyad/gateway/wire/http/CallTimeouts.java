package ai.dyad.gateway.wire.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Cancels upstream calls that stay silent too long (before the answer starts or between two pieces of it)
 * or outlive their deadline. One ticker thread per plugin client checks every call each tick, so a timeout
 * fires up to one tick late.
 *
 * <p>Why not OkHttp's own timeouts: with a read timeout every socket read of a virtual thread becomes a
 * timed park, and every OkHttp timeout enters and leaves okio's watchdog queue; both wake timer threads on
 * nearly every call, though almost no call ever times out. Measured under load that was a sixth of the
 * gateway's CPU. Here a call costs two set operations and a volatile write per read.
 */
final class CallTimeouts implements AutoCloseable {

    /** Fine enough for timeouts of a second or more, which is what providers are given. */
    static final Duration TICK = Duration.ofMillis(50);

    private final Set<Timed> calls = ConcurrentHashMap.newKeySet();
    private final Thread ticker;
    private volatile boolean closed;

    CallTimeouts() {
        this.ticker = Thread.ofPlatform().name("upstream-timeouts").daemon().start(this::tickUntilClosed);
    }

    /**
     * Watches {@code call} from now until the returned handle is closed.
     *
     * @param silence the longest the upstream may send nothing
     * @param deadline when the whole call must be over; null for none
     */
    Timed watch(Call call, Duration silence, Instant deadline, Instant now) {
        long start = System.nanoTime();
        long deadlineNanos = deadline == null
                ? Long.MAX_VALUE
                : start + Math.max(0, Duration.between(now, deadline).toNanos());
        Timed timed = new Timed(call, silence, start, deadlineNanos);
        calls.add(timed);
        return timed;
    }

    private void tickUntilClosed() {
        while (!closed) {
            LockSupport.parkNanos(TICK.toNanos());
            long now = System.nanoTime();
            for (Timed timed : calls) {
                timed.checkAt(now);
            }
        }
    }

    /** Stops the ticker; calls still watched are no longer timed. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(ticker);
    }

    /** One watched call. */
    final class Timed implements AutoCloseable {
        private final Call call;
        private final Duration silence;
        private final long deadlineNanos;
        private volatile long lastHeardNanos;
        private volatile String expired;

        private Timed(Call call, Duration silence, long startNanos, long deadlineNanos) {
            this.call = call;
            this.silence = silence;
            this.deadlineNanos = deadlineNanos;
            this.lastHeardNanos = startNanos;
        }

        /** The body stream, counting every byte read as a sign of life. */
        InputStream track(InputStream body) {
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    heard();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    heard();
                    return n;
                }
            };
        }

        /** The failure to report instead of {@code e} when this call was cut off by a timeout. */
        IOException explain(IOException e) {
            String why = expired;
            return why == null ? e : new SocketTimeoutException(why);
        }

        private void heard() {
            lastHeardNanos = System.nanoTime();
        }

        private void checkAt(long now) {
            if (now - lastHeardNanos > silence.toNanos()) {
                expire("no data from the upstream for " + silence.toMillis() + " ms");
            } else if (now - deadlineNanos > 0) {
                expire("the call's deadline passed");
            }
        }

        private void expire(String why) {
            if (calls.remove(this)) {
                expired = why;
                call.cancel();
            }
        }

        /** Stops watching; the call is over. */
        @Override
        public void close() {
            calls.remove(this);
        }
    }
}
