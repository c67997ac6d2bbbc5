package ai.dyad.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: sends non-streaming chat requests at a fixed rate and records each latency
 * from the moment the request was due (so a stall is not hidden by coordinated omission), in microseconds.
 * wrk cannot hold a fixed rate, and hey and autocannon report no better than 0.1 ms; sub-millisecond
 * overheads need this. Usage: {@code RateProbe <url> <authHeader|-> <body> <ratePerSecond> <seconds>}.
 */
public final class RateProbe {

    private RateProbe() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String auth = args[1];
        String body = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String[] extraHeaders = args.length > 5 ? args[5].split("\\|") : new String[0];
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        int warmup = Math.min(rate, 2000);
        CountDownLatch done = new CountDownLatch(total + warmup);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total + warmup; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean record = i >= warmup;
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!"-".equals(auth)) {
                request.header("Authorization", auth);
            }
            for (int h = 0; h + 1 < extraHeaders.length; h += 2) {
                request.header(extraHeaders[h], extraHeaders[h + 1]);
            }
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (record) {
                            latency.recordValue((System.nanoTime() - due) / 1_000);
                        }
                        done.countDown();
                    });
        }
        done.await();
        System.out.printf(
                "{\"p50Us\":%d,\"p99Us\":%d,\"p999Us\":%d,\"requests\":%d,\"sent\":%d,\"errors\":%d}%n",
                latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9),
                latency.getTotalCount(),
                total + warmup,
                errors.get());
        System.exit(0);
    }
}
