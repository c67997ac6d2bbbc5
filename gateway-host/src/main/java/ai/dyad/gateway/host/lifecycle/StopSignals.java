package ai.dyad.gateway.host.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first runs the graceful stop on a thread of its own; a second, while that is
 * still running, halts the process at once (an operator who asks twice wants out now). The JVM's own
 * handling cannot do this: once shutdown hooks run, further signals are ignored.
 */
public final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    /** The exit status of a forced stop: 128 + SIGTERM's number, as a shell reports a killed process. */
    static final int FORCED_EXIT = 143;

    private final Runnable stop;
    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /** Handles TERM and INT for the rest of the process's life. */
    public static StopSignals install(Runnable gracefulStop) {
        StopSignals signals = new StopSignals(gracefulStop);
        Signal.handle(new Signal("TERM"), signals::onSignal);
        Signal.handle(new Signal("INT"), signals::onSignal);
        return signals;
    }

    /** Returns once the graceful stop has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() == 1) {
            LOG.info("SIG{} received: stopping gracefully (send it again to stop at once)", signal.getName());
            Thread.ofPlatform().name("graceful-stop").start(() -> {
                try {
                    stop.run();
                } finally {
                    stopped.countDown();
                }
            });
        } else {
            LOG.warn("SIG{} received again: stopping now", signal.getName());
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
    }
}
