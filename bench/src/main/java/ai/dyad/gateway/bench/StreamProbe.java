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
 * event and the gaps between events; a stream that does not end with {@code data: [DONE]} is an error. Usage:
 * {@code StreamProbe <baseUrl> <key> <model> <requests> [<header>|<value>|...]}. Prints one JSON object.
 */
public final class StreamProbe {

    private StreamProbe() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        String key = args[1];
        String model = args[2];
        int requests = Integer.parseInt(args[3]);
        String[] extraHeaders = args.length > 4 ? args[4].split("\\|") : new String[0];
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (int h = 0; h + 1 < extraHeaders.length; h += 2) {
                request.header(extraHeaders[h], extraHeaders[h + 1]);
            }
            long start = System.nanoTime();
            HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                errors++;
                response.body().close();
                continue;
            }
            long last = 0;
            long first = 0;
            boolean done = false;
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                long now = System.nanoTime();
                done |= line.equals("data: [DONE]");
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
            // A stream cut short (or a peer that never forwards the end) counts as failed.
            if (!done) {
                errors++;
            } else if (!warmup) {
                // From the request, not the first chunk: a relay that holds chunks back and then sends them
                // together would otherwise look faster than the upstream.
                streamingNanos += last - start;
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
