package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.FinishReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxConcurrent processes per provider, maxQueue waiting calls, and a quick refusal beyond that. */
class ConcurrencyLimitsTest {

    @TempDir
    Path dir;

    @Test
    void beyondRunningAndQueuedCallsTheProviderIsBusy() throws Exception {
        ModelAdapter adapter = Providers.create(Map.of(
                "command",
                FakeClis.install(dir, "ticker").toString(),
                "args",
                List.of("{model}"),
                "maxConcurrent",
                1,
                "maxQueue",
                1));
        RecordingSink running = new RecordingSink();
        CompletableFuture<Void> first = Providers.chatAsync(adapter, Providers.ask("slow", "hi"), running);
        assertThat(running.awaitFirstChunk()).isTrue();

        // The slot is taken: of two more calls, one waits in the queue and the other is refused at once.
        RecordingSink second = new RecordingSink();
        RecordingSink third = new RecordingSink();
        CompletableFuture<Void> calls = CompletableFuture.allOf(
                Providers.chatAsync(adapter, Providers.ask("fast", "hi"), second),
                Providers.chatAsync(adapter, Providers.ask("fast", "hi"), third));
        RecordingSink refused = awaitEitherEnds(second, third);
        RecordingSink queued = refused == second ? third : second;

        assertThat(refused.error()).isNotNull();
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(refused.error().code()).contains("provider_busy");
        assertThat(refused.error().retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(queued.ends()).isZero();

        running.cancel();
        first.get(30, TimeUnit.SECONDS);
        calls.get(30, TimeUnit.SECONDS);
        assertThat(queued.reason()).isEqualTo(FinishReason.STOP);
        assertThat(queued.text()).isEqualTo("tick\ndone");
        adapter.close();
    }

    @Test
    void aQueuedCallThatIsCancelledLeavesTheQueue() throws Exception {
        ModelAdapter adapter = Providers.create(Map.of(
                "command",
                FakeClis.install(dir, "ticker").toString(),
                "args",
                List.of("{model}"),
                "maxConcurrent",
                1,
                "maxQueue",
                4));
        RecordingSink running = new RecordingSink();
        CompletableFuture<Void> first = Providers.chatAsync(adapter, Providers.ask("slow", "hi"), running);
        assertThat(running.awaitFirstChunk()).isTrue();
        RecordingSink waiting = new RecordingSink();
        CompletableFuture<Void> queued = Providers.chatAsync(adapter, Providers.ask("fast", "hi"), waiting);

        waiting.cancel();
        queued.get(30, TimeUnit.SECONDS);

        assertThat(waiting.error().code()).contains("cancelled");
        assertThat(running.ends()).isZero();
        running.cancel();
        first.get(30, TimeUnit.SECONDS);
        adapter.close();
    }

    private static RecordingSink awaitEitherEnds(RecordingSink a, RecordingSink b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (a.ends() > 0) {
                return a;
            }
            if (b.ends() > 0) {
                return b;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("neither call was refused");
    }
}
