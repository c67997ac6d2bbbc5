package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk with a POST script and reads requests/s and latency percentiles (in microseconds) from it. wrk
 * gives up on a request after 2 s by default and counts it as a timeout; on a shared, loaded machine that
 * both cuts the latency percentiles at 2 s and turns slow answers into failures, so it waits 30 s here.
 */
final class Wrk {

    record Result(double requestsPerSecond, double p50Us, double p99Us, long requests, long errors) {}

    /** How long a warm-up ran, and the requests that failed in it. */
    record WarmUp(int seconds, long errors) {}

    private static final int WARMUP_ROUND_SECONDS = 5;
    private static final int WARMUP_MIN_SECONDS = 40;
    private static final int WARMUP_MAX_SECONDS = 90;

    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Procs procs;
    private final Path script;

    Wrk(Procs procs, Path script) {
        this.procs = procs;
        this.script = script;
    }

    /**
     * Runs wrk -c64 in rounds of {@link #WARMUP_ROUND_SECONDS}, for at least {@link #WARMUP_MIN_SECONDS} and then
     * until two rounds in a row agree within 10 % (at most {@link #WARMUP_MAX_SECONDS}). The JVMs and Node compile
     * their hot paths under load, which takes Dyad tens of seconds on two shared cores: measured after a fixed
     * 5 s it showed a third of its settled throughput, and after 30 s (two rounds agreeing) still 0.6 of it.
     */
    WarmUp warmUp(String name, String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        double previous = 0;
        int spent = 0;
        long errors = 0;
        while (spent < WARMUP_MAX_SECONDS) {
            Result round = run(name + "-" + spent, url, body, headers, 64, WARMUP_ROUND_SECONDS);
            spent += WARMUP_ROUND_SECONDS;
            errors += round.errors();
            double now = round.requestsPerSecond();
            if (spent >= WARMUP_MIN_SECONDS && previous > 0 && Math.abs(now - previous) <= 0.1 * previous) {
                break;
            }
            previous = now;
        }
        return new WarmUp(spent, errors);
    }

    Result run(String name, String url, String body, Map<String, String> headers, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                url,
                "--",
                body));
        headers.forEach((k, v) -> command.add(k + ": " + v));
        String output = procs.run(name, command, Duration.ofSeconds(seconds + 60));
        double rps = 0;
        double p50 = 0;
        double p99 = 0;
        long requests = 0;
        long errors = 0;
        for (String line : output.split("\n")) {
            Matcher m;
            if ((m = REQUESTS.matcher(line)).find()) {
                requests = Long.parseLong(m.group(1));
            } else if ((m = RPS.matcher(line)).find()) {
                rps = Double.parseDouble(m.group(1));
            } else if ((m = PERCENTILE.matcher(line)).find()) {
                double micros = toMicros(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = micros;
                } else {
                    p99 = micros;
                }
            } else if ((m = ERRORS.matcher(line)).find()) {
                errors += Long.parseLong(m.group(1));
            } else if ((m = SOCKET.matcher(line)).find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(m.group(g));
                }
            }
        }
        return new Result(rps, p50, p99, requests, errors);
    }

    private static double toMicros(double value, String unit) {
        return switch (unit) {
            case "us" -> value;
            case "ms" -> value * 1_000;
            default -> value * 1_000_000;
        };
    }
}
