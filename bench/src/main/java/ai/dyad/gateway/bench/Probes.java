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
