package ai.dyad.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: sends non-streaming chat requests at a fixed rate and records each latency
 * from the moment the request was due (so a stall is not hidden by coordinated omission), in microseconds.
 * Like wrk2, the schedule is spread over {@link #CONNECTIONS} keep-alive connections, each sending every
 * {@code CONNECTIONS}th request; a connection still busy sends late, and the lateness counts. wrk cannot hold
 * a fixed rate, and hey and autocannon report no better than 0.1 ms; sub-millisecond overheads need this.
 * Usage: {@code RateProbe <url> <authHeader|-> <body> <ratePerSecond> <seconds> [<header>|<value>|...]}.
 */
public final class RateProbe {

    static final int CONNECTIONS = 16;

    private RateProbe() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!"-".equals(args[1])) {
            headers.put("Authorization", args[1]);
        }
        String[] extra = args.length > 5 ? args[5].split("\\|") : new String[0];
        for (int h = 0; h + 1 < extra.length; h += 2) {
            headers.put(extra[h], extra[h + 1]);
        }
        Http1Connection.Request post = Http1Connection.Request.post(url, headers, args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Math.min(rate, 2000);
        int total = rate * seconds + warmup;
        long interval = 1_000_000_000L / rate;
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            senders.add(Thread.ofPlatform().name("sender-" + c).start(() -> {
                Http1Connection connection = null;
                for (int i = first; i < total; i += CONNECTIONS) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (connection == null || !connection.reusable()) {
                            connection = Http1Connection.open(post.address());
                        }
                        int status = connection.exchange(post, line -> {});
                        if (status != 200) {
                            errors.incrementAndGet();
                        } else if (i >= warmup) {
                            latency.recordValue((System.nanoTime() - due) / 1_000);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        connection = null;
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        System.out.printf(
                "{\"p50Us\":%d,\"p99Us\":%d,\"p999Us\":%d,\"requests\":%d,\"sent\":%d,\"errors\":%d}%n",
                latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9),
                latency.getTotalCount(),
                total,
                errors.get());
        System.exit(0);
    }
}
