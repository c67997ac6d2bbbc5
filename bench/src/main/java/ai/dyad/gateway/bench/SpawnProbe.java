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
 * gateway, sequentially. Usage: {@code SpawnProbe <baseUrl> <key> <model> <command> <requests>}.
 */
public final class SpawnProbe {

    private SpawnProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        String key = args[1];
        String model = args[2];
        String command = args[3];
        int requests = Integer.parseInt(args[4]);
        Histogram direct = new Histogram(3);
        Histogram gateway = new Histogram(3);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < requests + 10; i++) {
            boolean warmup = i < 10;
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
        }
        System.out.printf(
                "{\"directP50Us\":%d,\"directP99Us\":%d,\"gatewayP50Us\":%d,\"gatewayP99Us\":%d}%n",
                direct.getValueAtPercentile(50),
                direct.getValueAtPercentile(99),
                gateway.getValueAtPercentile(50),
                gateway.getValueAtPercentile(99));
    }
}
