package ai.dyad.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Streams one request after another and measures, in microseconds, the time to the first {@code data:}
 * event and the gaps between events (over a raw keep-alive connection, see {@link Http1Connection}); a stream that does not end with {@code data: [DONE]} is an error. Usage:
 * {@code StreamProbe <baseUrl> <key> <model> <requests> [<header>|<value>|...]}. Prints one JSON object.
 */
public final class StreamProbe {

    private StreamProbe() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0] + "/chat/completions");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + args[1]);
        String model = args[2];
        int requests = Integer.parseInt(args[3]);
        String[] extraHeaders = args.length > 4 ? args[4].split("\\|") : new String[0];
        for (int h = 0; h + 1 < extraHeaders.length; h += 2) {
            headers.put(extraHeaders[h], extraHeaders[h + 1]);
        }
        String body =
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        Http1Connection.Request post = Http1Connection.Request.post(url, headers, body);
        Histogram ttfb = new Histogram(3);
        Histogram gaps = new Histogram(3);
        long chunks = 0;
        long streamingNanos = 0;
        int errors = 0;
        Http1Connection connection = null;
        for (int i = 0; i < requests + 5; i++) {
            boolean warmup = i < 5;
            if (connection == null || !connection.reusable()) {
                connection = Http1Connection.open(post.address());
            }
            Events events = new Events();
            long start = System.nanoTime();
            int status;
            try {
                status = connection.exchange(post, events::line);
            } catch (IOException e) {
                errors++;
                connection = null;
                continue;
            }
            // A failed answer, a stream cut short, or a peer that never forwards the end counts as failed.
            if (status != 200 || !events.done) {
                errors++;
                continue;
            }
            if (warmup) {
                continue;
            }
            ttfb.recordValue((events.times.get(0) - start) / 1_000);
            for (int e = 1; e < events.times.size(); e++) {
                gaps.recordValue((events.times.get(e) - events.times.get(e - 1)) / 1_000);
            }
            chunks += events.times.size();
            // From the request, not the first chunk: a relay that holds chunks back and then sends them
            // together would otherwise look faster than the upstream.
            streamingNanos += events.times.get(events.times.size() - 1) - start;
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

    /** When each {@code data:} event of one stream arrived, and whether the stream ended properly. */
    private static final class Events {
        final List<Long> times = new ArrayList<>();
        boolean done;

        void line(String line) {
            if (line.startsWith("data:")) {
                times.add(System.nanoTime());
                done |= line.equals("data: [DONE]");
            }
        }
    }
}
