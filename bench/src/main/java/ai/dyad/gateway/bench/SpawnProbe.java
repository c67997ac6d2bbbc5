package ai.dyad.gateway.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * Compares a trivial command spawned directly with the same command as a spawn-cli model through the
 * gateway, sequentially, and measures the gateway's HTTP round trip alone ({@code GET /models}) so the
 * overhead can be told apart from what any request costs. Usage:
 * {@code SpawnProbe <baseUrl> <key> <model> <command> <requests>}.
 */
public final class SpawnProbe {

    /**
     * Rounds run before measuring. The gateway has made no spawn-cli call before this scenario and this JVM's
     * HTTP client is new: with 10 rounds the first measured calls still ran in the interpreter.
     */
    private static final int WARM_UP = 100;

    private SpawnProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        String key = args[1];
        String model = args[2];
        String command = args[3];
        int requests = Integer.parseInt(args[4]);
        Histogram direct = new Histogram(3);
        Histogram gateway = new Histogram(3);
        Histogram http = new Histogram(3);
        HttpRequest models = HttpRequest.newBuilder(URI.create(args[0] + "/models"))
                .header("Authorization", "Bearer " + key)
                .build();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < requests + WARM_UP; i++) {
            boolean warmup = i < WARM_UP;
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write("hi".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream out = process.getInputStream()) {
                out.readAllBytes();
            }
            process.waitFor();
            if (!warmup) {
                direct.recordValue((System.nanoTime() - start) / 1_000);
            }
            start = System.nanoTime();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
            }
            if (!warmup) {
                gateway.recordValue((System.nanoTime() - start) / 1_000);
            }
            start = System.nanoTime();
            HttpResponse<String> listed = client.send(models, HttpResponse.BodyHandlers.ofString());
            if (listed.statusCode() != 200) {
                throw new IllegalStateException("GET /models answered " + listed.statusCode());
            }
            if (!warmup) {
                http.recordValue((System.nanoTime() - start) / 1_000);
            }
        }
        System.out.printf(
                "{\"directP50Us\":%d,\"directP99Us\":%d,\"gatewayP50Us\":%d,\"gatewayP99Us\":%d,"
                        + "\"httpP50Us\":%d}%n",
                direct.getValueAtPercentile(50),
                direct.getValueAtPercentile(99),
                gateway.getValueAtPercentile(50),
                gateway.getValueAtPercentile(99),
                http.getValueAtPercentile(50));
    }
}
