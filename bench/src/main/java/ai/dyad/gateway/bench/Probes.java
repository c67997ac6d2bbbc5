package ai.dyad.gateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the bench's probe tools (RateProbe, StreamProbe, …) each in its own JVM, so a probe's allocations and
 * threads never share a heap with the harness, and reads the one-line JSON result each prints last.
 */
final class Probes {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":([-0-9.]+)");

    /** How long {@link #runAtRate} runs a target unmeasured first. */
    static final int RATE_WARM_UP_SECONDS = 20;

    private final Procs procs;
    private final String java;
    private final String benchJar;
    private final Duration timeout;

    Probes(Procs procs, String java, String benchJar, Duration timeout) {
        this.procs = procs;
        this.java = java;
        this.benchJar = benchJar;
        this.timeout = timeout;
    }

    /** Runs {@code tool} with {@code args} to its end; its log is named {@code name}. */
    Map<String, Double> run(String name, Class<?> tool, Object... args) throws IOException, InterruptedException {
        String output = procs.run(name, command("-Xmx512m", tool, args), timeout);
        String[] lines = output.strip().split("\n");
        return numbers(lines[lines.length - 1]);
    }

    /**
     * A measured {@link RateProbe} run, after an unmeasured one of
     * {@link #RATE_WARM_UP_SECONDS} at the same rate. A fixed moderate rate runs paths that saturation barely
     * did (threads parking and waking between requests), and the JIT compiles them then: after 55 s at c=64 the
     * gateway's C2 still spent 1.0 s and then 0.4 s of CPU in its first two 10 s runs at 1,000/s, on two shared
     * cores, and its p99 fell from 2.5 to 1.9 ms by the third. The warm-up is a probe of its own so that a
     * target that cannot keep up does not start the measured run with a backlog. {@code errors} and {@code sent} count both runs.
     */
    Map<String, Double> runAtRate(
            String name, String url, String auth, String body, int rate, int seconds, String... headers)
            throws IOException, InterruptedException {
        Map<String, Double> unmeasured =
                runRateProbe(name + "-warmup", url, auth, body, rate, RATE_WARM_UP_SECONDS, headers);
        Map<String, Double> measured = new HashMap<>(runRateProbe(name, url, auth, body, rate, seconds, headers));
        measured.merge("errors", unmeasured.get("errors"), Double::sum);
        measured.merge("sent", unmeasured.get("sent"), Double::sum);
        return measured;
    }

    private Map<String, Double> runRateProbe(
            String name, String url, String auth, String body, int rate, int seconds, String... headers)
            throws IOException, InterruptedException {
        List<Object> args = new ArrayList<>(List.of(url, auth, body, rate, seconds));
        args.addAll(List.of(headers));
        return run(name, RateProbe.class, args.toArray());
    }

    /** Starts {@code tool} without waiting for it, with the given heap. */
    Process start(String name, String heap, Class<?> tool, Object... args) throws IOException {
        return procs.start(name, command(heap, tool, args), Map.of());
    }

    private List<String> command(String heap, Class<?> tool, Object... args) {
        List<String> command = new ArrayList<>(List.of(java, heap, "-cp", benchJar, tool.getName()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return command;
    }

    /** The numeric fields of a probe's one-line JSON result. */
    static Map<String, Double> numbers(String json) {
        Map<String, Double> values = new HashMap<>();
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("probe printed no result: " + json);
        }
        return values;
    }
}
