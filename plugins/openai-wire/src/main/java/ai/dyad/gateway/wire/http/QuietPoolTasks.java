package ai.dyad.gateway.wire.http;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import okhttp3.internal.concurrent.TaskRunner;

/**
 * The task runner of the connection pool: OkHttp's own, except that scheduling a task does not wake its
 * coordinator thread; the coordinator looks for due tasks at least every {@link #TICK}. OkHttp schedules the
 * pool's clean-up every time a call hands its connection back, which woke that thread once per request (a
 * context switch and ~12 µs of CPU per request at low load); the clean-up only evicts connections idle for
 * minutes or above the idle limit, so running it up to a tick late changes nothing a caller can see.
 *
 * <p>Uses OkHttp's internal task API (pinned version, shaded with the plugin).
 */
final class QuietPoolTasks implements TaskRunner.Backend {

    static final Duration TICK = Duration.ofSeconds(1);

    private final TaskRunner.RealBackend real;

    private QuietPoolTasks(ThreadFactory threads) {
        this.real = new TaskRunner.RealBackend(threads);
    }

    /** A task runner for one connection pool; {@link #shutdown} it with the pool. */
    static TaskRunner runner() {
        return new TaskRunner(
                new QuietPoolTasks(runnable -> {
                    Thread thread = new Thread(runnable, "OkHttp pool tasks");
                    thread.setDaemon(true);
                    return thread;
                }),
                java.util.logging.Logger.getLogger(TaskRunner.class.getName()));
    }

    /** Stops the runner's threads. */
    static void shutdown(TaskRunner runner) {
        ((QuietPoolTasks) runner.getBackend()).real.shutdown();
    }

    @Override
    public long nanoTime() {
        return real.nanoTime();
    }

    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
        // Deliberately quiet: the coordinator finds the task at its next tick (see coordinatorWait).
    }

    @Override
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
        try {
            real.coordinatorWait(taskRunner, Math.min(nanos, TICK.toNanos()));
        } catch (InterruptedException e) {
            // The Kotlin interface declares no exception, but its caller ends the coordinator on this one.
            throw QuietPoolTasks.<RuntimeException>unchecked(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
        return real.decorate(queue);
    }

    @Override
    public void execute(TaskRunner taskRunner, Runnable runnable) {
        real.execute(taskRunner, runnable);
    }
}
