package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 calls, a third finishing normally, a third cancelled mid-stream, a third timing out: afterwards no child
 * process and none of the adapter's threads is left.
 */
class LeakTest {

    private static final int CALLS = 300;
    private static final int IN_FLIGHT = 12;

    @TempDir
    Path dir;

    @Test
    void manyFinishedCancelledAndTimedOutCallsLeaveNothingBehind() throws Exception {
        Path ticker = FakeClis.install(dir, "ticker");
        ModelAdapter patient = Providers.create(Map.of(
                "command", ticker.toString(), "args", List.of("{model}"), "maxConcurrent", 8, "maxQueue", CALLS));
        ModelAdapter impatient = Providers.create(Map.of(
                "command",
                ticker.toString(),
                "args",
                List.of("{model}"),
                "timeout",
                0.3,
                "maxConcurrent",
                8,
                "maxQueue",
                CALLS));
        warmUp(patient);
        warmUp(impatient);
        java.time.Instant started = java.time.Instant.now();
        int baselineThreads = ownThreads().size();
        long baselinePlatformThreads = platformThreads();

        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<RecordingSink> finished = new ArrayList<>();
        List<RecordingSink> cancelled = new ArrayList<>();
        List<RecordingSink> timedOut = new ArrayList<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            inFlight.acquire();
            RecordingSink sink = new RecordingSink();
            CompletableFuture<Void> call;
            switch (i % 3) {
                case 0 -> {
                    finished.add(sink);
                    call = Providers.chatAsync(patient, Providers.ask("fast", "hi"), sink);
                }
                case 1 -> {
                    cancelled.add(sink);
                    // The host cancels on its own thread when it notices the client is gone.
                    sink.onChunk(chunk -> Thread.ofVirtual().start(sink::cancel));
                    call = Providers.chatAsync(patient, Providers.ask("slow", "hi"), sink);
                }
                default -> {
                    timedOut.add(sink);
                    call = Providers.chatAsync(impatient, Providers.ask("slow", "hi"), sink);
                }
            }
            calls.add(call.whenComplete((ok, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        assertThat(finished).allSatisfy(sink -> {
            assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
            assertThat(sink.text()).isEqualTo("tick\ndone");
        });
        assertThat(cancelled).allSatisfy(sink -> assertThat(sink.error().code()).contains("cancelled"));
        assertThat(timedOut).allSatisfy(sink -> assertThat(sink.error().kind()).isEqualTo(ErrorKind.TIMEOUT));
        for (List<RecordingSink> group : List.of(finished, cancelled, timedOut)) {
            assertThat(group).allSatisfy(sink -> {
                assertThat(sink.ends()).isEqualTo(1);
                assertThat(sink.violations()).isEmpty();
            });
        }

        awaitNoChildProcesses();
        awaitNoMarkedProcessesSince(started);
        awaitOwnThreadsAtMost(baselineThreads);
        patient.close();
        impatient.close();
        awaitOwnThreadsAtMost(0);
        long platformAfter = platformThreads();
        System.out.printf(
                "platform threads: baseline %d, after %d (JDK process reapers %d, virtual-thread carriers %d)%n",
                baselinePlatformThreads, platformAfter, named("process reaper"), named("ForkJoinPool"));
        // The JDK's own pools (process reapers, virtual-thread carriers) shrink after their idle timeout; the
        // rest must be back at the baseline (minus the two closed timers).
        assertThat(platformAfter - named("process reaper") - named("ForkJoinPool"))
                .isLessThanOrEqualTo(baselinePlatformThreads);
    }

    /** One call first, so that lazily started threads (each adapter's timer) count in the baseline. */
    private static void warmUp(ModelAdapter adapter) throws Exception {
        warmUp(adapter, "fast");
    }

    private static void warmUp(ModelAdapter adapter, String model) throws Exception {
        RecordingSink sink = new RecordingSink();
        Providers.chatAsync(adapter, Providers.ask(model, "hi"), sink).get(30, TimeUnit.SECONDS);
        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
    }

    private static void awaitNoChildProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.current().descendants().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.current()
                        .descendants()
                        .map(ProcessHandle::info)
                        .toList())
                .isEmpty();
    }

    /**
     * Orphans are no descendants of ours (init adopted them), so the check above cannot see one that escaped a
     * kill. Every process a run starts carries its marker variable: none started during the test may live on.
     */
    private static void awaitNoMarkedProcessesSince(java.time.Instant started) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Long> marked = markedProcessesSince(started);
        while (!marked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            marked = markedProcessesSince(started);
        }
        assertThat(marked).as("processes still carrying a spawn-cli run marker").isEmpty();
    }

    private static List<Long> markedProcessesSince(java.time.Instant started) throws Exception {
        List<Long> marked = new ArrayList<>();
        try (var processes = java.nio.file.Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                boolean recent = ProcessHandle.of(pid)
                        .flatMap(handle -> handle.info().startInstant())
                        .map(start -> !start.isBefore(started.minusSeconds(1)))
                        .orElse(false);
                if (recent && carriesAMarker(process.resolve("environ"))) {
                    marked.add(pid);
                }
            }
        }
        return marked;
    }

    private static boolean carriesAMarker(Path environ) {
        try {
            String entries =
                    new String(java.nio.file.Files.readAllBytes(environ), java.nio.charset.StandardCharsets.UTF_8);
            return entries.startsWith("SPAWN_CLI_RUN=") || entries.contains("\0SPAWN_CLI_RUN=");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The adapter's own threads (stdout and stderr readers, timers) wind down to at most {@code count}. */
    private static void awaitOwnThreadsAtMost(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ownThreads().size() > count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ownThreads()).hasSizeLessThanOrEqualTo(count);
    }

    private static List<String> ownThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("spawn-cli-"))
                .toList();
    }

    private static long platformThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static long named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }
}
