package ai.dyad.gateway.plugins.spawncli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunThreadsTest {

    private final RunThreads threads = new RunThreads("p");

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void aReaderThreadServesTheNextRunOnceItsStreamEnded() throws Exception {
        Thread first = readerThread();
        Thread second = readerThread();

        assertThat(second).isSameAs(first);
        assertThat(first.getName()).startsWith("spawn-cli-io-p-");
        assertThat(first.isVirtual()).isFalse();
    }

    @Test
    void readersStillRunWhileTheAdapterCloses() throws Exception {
        threads.close();

        assertThat(readerThread().getName()).startsWith("spawn-cli-io-p-");
    }

    /** The thread that ran a reader, once the reader finished. */
    private Thread readerThread() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        threads.readers().execute(() -> ran.complete(Thread.currentThread()));
        Thread thread = ran.get(30, TimeUnit.SECONDS);
        // Back in the pool only after the task returned: wait until the thread waits for work (or ended).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() == Thread.State.RUNNABLE && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return thread;
    }
}
