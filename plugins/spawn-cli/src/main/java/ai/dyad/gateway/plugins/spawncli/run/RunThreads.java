package ai.dyad.gateway.plugins.spawncli.run;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads one provider's runs share: a timer for timeouts and kills, and the threads that read each process's
 * stdout and stderr. Readers are kept a few seconds after their run and reused, because starting two threads per
 * call cost a fast CLI about half a millisecond. They are platform threads: a virtual one blocked in a pipe read
 * pins a carrier and makes the pool grow.
 */
public final class RunThreads implements AutoCloseable {

    /** How long an idle reader waits for the next run before it ends. */
    private static final Duration READER_KEEP_ALIVE = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor readers;
    private final ThreadFactory lateReaders;

    public RunThreads(String providerName) {
        this.timer = new ScheduledThreadPoolExecutor(
                1,
                Thread.ofPlatform()
                        .daemon()
                        .name("spawn-cli-timer-" + providerName)
                        .factory());
        // Most timeouts never fire: cancelled ones must not pile up in the queue until their time.
        timer.setRemoveOnCancelPolicy(true);
        ThreadFactory readerThreads = Thread.ofPlatform()
                .daemon()
                .name("spawn-cli-io-" + providerName + "-", 0)
                .factory();
        // As many readers as runs need (the process slots bound them), none kept once idle for a while.
        this.readers = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                READER_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(),
                readerThreads);
        this.lateReaders = readerThreads;
    }

    /** Runs timeouts and the {@code SIGKILL} after a grace period. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs a blocking stream reader on a thread of its own until the stream ends. */
    public Executor readers() {
        return this::read;
    }

    private void read(Runnable reader) {
        try {
            readers.execute(reader);
        } catch (RejectedExecutionException e) {
            // Closing: a run that started meanwhile is being stopped, and its output must still be drained.
            lateReaders.newThread(reader).start();
        }
    }

    /**
     * Takes no more work. The timer ends once its last scheduled kill ran (a kill still pending for an earlier
     * run's leftovers must happen); idle readers end now, busy ones when their stream ends.
     */
    @Override
    public void close() {
        timer.shutdown();
        readers.shutdown();
    }
}
