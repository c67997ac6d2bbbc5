package ai.dyad.gateway.plugins.spawncli.process;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * At most {@code maxConcurrent} processes per provider, and at most {@code maxQueue} calls waiting for one; a call
 * beyond both is refused at once as {@code provider_busy}, so a burst cannot pile up processes or waiting clients.
 * Waiters are served in arrival order (a new call does not overtake a waiting one).
 */
public final class ConcurrencyGate {

    /** What a refused caller is told to wait: about the time a short CLI call takes. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxConcurrent;
    private final int maxQueue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int running;
    private int waiting;

    public ConcurrencyGate(int maxConcurrent, int maxQueue) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueue = maxQueue;
    }

    /** A granted slot; release it exactly once. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot, waiting in the queue if need be.
     *
     * @param maxWait how long to wait for a slot at most (the call's remaining time)
     * @param cancelled checked whenever the waiter wakes; {@link #wakeAll} wakes it at once
     * @throws AdapterException RATE_LIMITED {@code provider_busy} when the queue is full, TIMEOUT when the wait
     *     ran out, TIMEOUT {@code cancelled} when the call was cancelled while waiting
     */
    public Permit acquire(Duration maxWait, BooleanSupplier cancelled) {
        lock.lock();
        try {
            if (running < maxConcurrent && waiting == 0) {
                running++;
                return newPermit();
            }
            if (waiting >= maxQueue) {
                throw busy();
            }
            waiting++;
            try {
                awaitSlot(maxWait, cancelled);
            } finally {
                waiting--;
            }
            running++;
            return newPermit();
        } finally {
            lock.unlock();
        }
    }

    private Permit newPermit() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
    }

    private void awaitSlot(Duration maxWait, BooleanSupplier cancelled) {
        long nanos = maxWait.toNanos();
        boolean interrupted = false;
        try {
            while (running >= maxConcurrent) {
                if (cancelled.getAsBoolean() || interrupted) {
                    passOnWakeUp();
                    throw new AdapterException(
                            ErrorKind.TIMEOUT,
                            "the call was cancelled while waiting for a free process slot",
                            "cancelled",
                            null,
                            null,
                            null);
                }
                if (nanos <= 0) {
                    passOnWakeUp();
                    throw new AdapterException(
                            ErrorKind.TIMEOUT,
                            "no process slot became free in time (maxConcurrent " + maxConcurrent + ")",
                            "queue_timeout",
                            null,
                            null,
                            null);
                }
                try {
                    nanos = freed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // A waiter that leaves may have consumed the signal meant for a slot that is free now: hand it on.
    private void passOnWakeUp() {
        if (running < maxConcurrent) {
            freed.signal();
        }
    }

    private void release() {
        lock.lock();
        try {
            running--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter so that cancelled ones notice and leave. */
    public void wakeAll() {
        lock.lock();
        try {
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private AdapterException busy() {
        return new AdapterException(
                ErrorKind.RATE_LIMITED,
                "provider is busy: " + maxConcurrent + " processes running and " + maxQueue + " calls waiting",
                "provider_busy",
                null,
                RETRY_AFTER,
                null);
    }

    /** Whether a call is waiting for a slot; for tests. */
    boolean hasWaiters() {
        lock.lock();
        try {
            return waiting > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Processes running now; for tests and metrics. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }
}
