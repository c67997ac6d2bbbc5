package ai.dyad.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Streams one request after another and measures, in microseconds, the time to the first {@code data:}
 * event and the gaps between events. Usage: {@code StreamProbe <baseUrl> <key> <model> <requests>}.
 * Prints one JSON object.
 */
public final class StreamProbe {

    private StreamProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        String key = args[1];
        String model = args[2];
        int requests = Integer.parseInt(args[3]);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body =
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        Histogram ttfb = new Histogram(3);
        Histogram gaps = new Histogram(3);
        long chunks = 0;
        long streamingNanos = 0;
        int errors = 0;
        for (int i = 0; i < requests + 5; i++) {
            boolean warmup = i < 5;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                errors++;
                response.body().close();
                continue;
            }
            long last = 0;
            long first = 0;
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                long now = System.nanoTime();
                if (first == 0) {
                    first = now;
                    if (!warmup) {
                        ttfb.recordValue((now - start) / 1_000);
                    }
                } else if (!warmup) {
                    gaps.recordValue((now - last) / 1_000);
                }
                last = now;
                if (!warmup) {
                    chunks++;
                }
            }
            if (!warmup) {
                streamingNanos += last - first;
            }
        }
        System.out.printf(
                "{\"ttfbP50Us\":%d,\"ttfbP99Us\":%d,\"gapMeanUs\":%.1f,\"gapP99Us\":%d,\"chunksPerSecond\":%.0f,\"errors\":%d}%n",
                ttfb.getValueAtPercentile(50),
                ttfb.getValueAtPercentile(99),
                gaps.getMean(),
                gaps.getValueAtPercentile(99),
                streamingNanos == 0 ? 0 : chunks * 1e9 / streamingNanos,
                errors);
    }
}
