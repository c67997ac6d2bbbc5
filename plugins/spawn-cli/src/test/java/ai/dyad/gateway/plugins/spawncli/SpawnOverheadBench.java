package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What the adapter adds to a process spawn: a chat call through the adapter (render, PATH lookup, slot, start,
 * output threads, stdin, wait, verdict) against {@link ProcessBuilder} alone, both running {@code true}, measured
 * in the same run. Not a test (run it on demand):
 *
 * <pre>java -cp target/classes:target/test-classes:../../adapter-api/target/classes:PF4J_JAR \
 *     ai.dyad.gateway.plugins.spawncli.SpawnOverheadBench [iterations]</pre>
 */
public final class SpawnOverheadBench {

    private static final int WARM_UP = 300;
    private static final int PARALLEL = 4;

    private SpawnOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ModelAdapter adapter = Providers.create(Map.of("command", "true", "maxConcurrent", 64, "maxQueue", 1000));
        ChatRequest request = Providers.ask("m", "hi");
        Spawn direct = SpawnOverheadBench::direct;
        Spawn directDrained = SpawnOverheadBench::directDrained;
        Spawn viaAdapter = () -> viaAdapter(adapter, request);

        for (Spawn spawn : new Spawn[] {direct, directDrained, viaAdapter}) {
            time(spawn, WARM_UP);
        }
        System.out.printf(
                "%d sequential spawns of 'true' each (after %d warm-up), JDK %s, %d cores%n",
                iterations, WARM_UP, Runtime.version(), Runtime.getRuntime().availableProcessors());
        long[] a = time(direct, iterations);
        long[] b = time(directDrained, iterations);
        long[] c = time(viaAdapter, iterations);
        report("ProcessBuilder start + waitFor", a, a);
        report("ProcessBuilder start + drain out/err + waitFor", b, a);
        report("adapter chat() (complete answer)", c, a);
        System.out.printf(
                "adapter overhead vs plain spawn: median +%.0f us, mean +%.0f us%n",
                (median(c) - median(a)) / 1e3, (mean(c) - mean(a)) / 1e3);

        double directRate = throughput(direct, iterations);
        double adapterRate = throughput(viaAdapter, iterations);
        System.out.printf(
                "%d in parallel: ProcessBuilder %.0f spawns/s, adapter %.0f calls/s (%.0f %% of direct)%n",
                PARALLEL, directRate, adapterRate, 100 * adapterRate / directRate);
        adapter.close();
    }

    @FunctionalInterface
    private interface Spawn {
        void run() throws Exception;
    }

    private static void direct() throws IOException, InterruptedException {
        new ProcessBuilder("/usr/bin/true").start().waitFor();
    }

    private static void directDrained() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/true").start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        process.getErrorStream().readAllBytes();
        process.waitFor();
    }

    private static void viaAdapter(ModelAdapter adapter, ChatRequest request) {
        RecordingSink sink = new RecordingSink();
        adapter.chat(request, Providers.call(), sink);
        if (sink.reason() != FinishReason.STOP) {
            throw new IllegalStateException("call failed: " + sink.error());
        }
    }

    private static long[] time(Spawn spawn, int iterations) throws Exception {
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            spawn.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double throughput(Spawn spawn, int iterations) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            Future<?>[] workers = new Future<?>[PARALLEL];
            for (int w = 0; w < PARALLEL; w++) {
                workers[w] = pool.submit(() -> {
                    for (int i = 0; i < iterations / PARALLEL; i++) {
                        spawn.run();
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
            return (iterations / PARALLEL) * PARALLEL / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void report(String name, long[] sorted, long[] baseline) {
        System.out.printf(
                "%-48s median %6.0f us  mean %6.0f us  p90 %6.0f us  p99 %6.0f us  (%.2fx)%n",
                name,
                median(sorted) / 1e3,
                mean(sorted) / 1e3,
                sorted[(int) (sorted.length * 0.9)] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3,
                mean(sorted) / mean(baseline));
    }

    private static double median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
