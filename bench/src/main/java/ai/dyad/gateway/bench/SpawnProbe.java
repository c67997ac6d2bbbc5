package ai.dyad.gateway.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Compares a trivial command spawned directly with the same command as a spawn-cli model through the
 * gateway, sequentially (over one keep-alive connection, see {@link Http1Connection}). Two more figures tell the overhead's parts apart: the gateway's bare HTTP round trip
 * ({@code GET /models}), and the direct spawn again while this JVM holds as many extra open descriptors as the
 * gateway does (a child inherits every one, and the JDK's launch helper closes them one by one before it runs
 * the command). Usage: {@code SpawnProbe <baseUrl> <key> <model> <command> <requests> [gatewayDescriptors]}
 * (without the last, or where {@code /proc} is missing, that figure is the plain direct spawn's).
 */
public final class SpawnProbe {

    /**
     * Rounds run before measuring. The gateway has made no spawn-cli call before this scenario and this JVM's
     * HTTP client is new: with 10 rounds the first measured calls still ran in the interpreter.
     */
    private static final int WARM_UP = 100;

    private SpawnProbe() {}

    public static void main(String[] args) throws Exception {
        String key = args[1];
        String command = args[3];
        int requests = Integer.parseInt(args[4]);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + key);
        String body = "{\"model\":\"" + args[2] + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        Http1Connection.Request chat =
                Http1Connection.Request.post(URI.create(args[0] + "/chat/completions"), auth, body);
        Http1Connection.Request models = Http1Connection.Request.get(URI.create(args[0] + "/models"), auth);
        long gatewayDescriptors = args.length > 5 ? Long.parseLong(args[5]) : 0;
        long own = Procs.openDescriptors(ProcessHandle.current().pid());
        int extraDescriptors = own < 0 ? 0 : (int) Math.max(0, gatewayDescriptors - own);
        Histogram direct = new Histogram(3);
        Histogram directHolding = new Histogram(3);
        Histogram gateway = new Histogram(3);
        Histogram http = new Histogram(3);
        Http1Connection connection = Http1Connection.open(chat.address());
        for (int i = 0; i < requests + WARM_UP; i++) {
            boolean warmup = i < WARM_UP;
            long directUs = spawn(command);
            long holdingUs = extraDescriptors > 0 ? spawnHolding(command, extraDescriptors) : 0;
            long gatewayUs = send(connection, chat);
            long httpUs = send(connection, models);
            if (!warmup) {
                direct.recordValue(directUs);
                directHolding.recordValue(holdingUs);
                gateway.recordValue(gatewayUs);
                http.recordValue(httpUs);
            }
        }
        System.out.printf(
                "{\"directP50Us\":%d,\"directP99Us\":%d,\"gatewayP50Us\":%d,\"gatewayP99Us\":%d,"
                        + "\"httpP50Us\":%d,\"directHoldingP50Us\":%d}%n",
                direct.getValueAtPercentile(50),
                direct.getValueAtPercentile(99),
                gateway.getValueAtPercentile(50),
                gateway.getValueAtPercentile(99),
                http.getValueAtPercentile(50),
                directHolding.getValueAtPercentile(50));
    }

    /** Runs the command with "hi" on stdin, reads its output, waits for it; microseconds taken. */
    private static long spawn(String command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream out = process.getInputStream()) {
            out.readAllBytes();
        }
        process.waitFor();
        return (System.nanoTime() - start) / 1_000;
    }

    /** {@link #spawn} while {@code count} more descriptors are open (opened and closed outside the timing). */
    private static long spawnHolding(String command, int count) throws IOException, InterruptedException {
        List<FileInputStream> held = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                held.add(new FileInputStream("/dev/null"));
            }
            return spawn(command);
        } finally {
            for (FileInputStream descriptor : held) {
                descriptor.close();
            }
        }
    }

    /** Sends the request and reads the whole answer, which must be a 200; microseconds taken. */
    private static long send(Http1Connection connection, Http1Connection.Request request) throws IOException {
        long start = System.nanoTime();
        StringBuilder answer = new StringBuilder();
        int status = connection.exchange(request, answer::append);
        if (status != 200 || !connection.reusable()) {
            throw new IllegalStateException(
                    new String(request.bytes(), StandardCharsets.ISO_8859_1)
                                    .lines()
                                    .findFirst()
                                    .orElseThrow() + " answered " + status + ": " + answer);
        }
        return (System.nanoTime() - start) / 1_000;
    }
}
