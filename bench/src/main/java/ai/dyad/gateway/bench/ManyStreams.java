package ai.dyad.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Holds many slow streams open at once. Prints "OPEN" once every stream has its first event; the harness
 * then samples the gateway's memory and creates the marker file, upon which this prints "SAMPLED" with the
 * number of streams still open (so the sample is known to have seen them all at once). Prints a JSON
 * result when all have ended.
 * Usage: {@code ManyStreams <baseUrl> <key> <model> <streams> <timeoutSeconds> <markerFile>}.
 */
public final class ManyStreams {

    private ManyStreams() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        String key = args[1];
        String model = args[2];
        int streams = Integer.parseInt(args[3]);
        long timeoutSeconds = Long.parseLong(args[4]);
        Path marker = Path.of(args[5]);
        String body =
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build());
        }
        CountDownLatch opened = new CountDownLatch(streams);
        CountDownLatch ended = new CountDownLatch(streams);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            HttpClient client = clients.get(i % clients.size());
            Thread.ofVirtual().start(() -> {
                boolean counted = false;
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                        response.body().close();
                        return;
                    }
                    boolean done = false;
                    for (String line : (Iterable<String>) response.body()::iterator) {
                        if (line.startsWith("data:") && !counted) {
                            opened.countDown();
                            counted = true;
                        }
                        done |= line.equals("data: [DONE]");
                    }
                    if (done) {
                        completed.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    if (!counted) {
                        opened.countDown();
                    }
                    ended.countDown();
                }
            });
        }
        boolean allOpen = opened.await(timeoutSeconds, TimeUnit.SECONDS);
        System.out.println("OPEN " + allOpen + " " + (System.nanoTime() - start) / 1_000_000 + "ms");
        System.out.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("SAMPLED stillOpen=" + ended.getCount());
        System.out.flush();
        boolean allEnded = ended.await(timeoutSeconds, TimeUnit.SECONDS);
        System.out.printf(
                "{\"streams\":%d,\"completed\":%d,\"errors\":%d,\"allEnded\":%b}%n",
                streams, completed.get(), errors.get() + (allEnded ? 0 : (int) ended.getCount()), allEnded);
        System.exit(0);
    }
}
