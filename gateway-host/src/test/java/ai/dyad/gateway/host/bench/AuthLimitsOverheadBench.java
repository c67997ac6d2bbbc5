package ai.dyad.gateway.host.bench;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.ApiKeyCache;
import ai.dyad.gateway.host.auth.ApiKeyCheck;
import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.config.RateLimitConfig;
import ai.dyad.gateway.host.http.ErrorBoundary;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.ResponseWriter;
import ai.dyad.gateway.host.ratelimit.FailoverLimitStore;
import ai.dyad.gateway.host.ratelimit.KeyLimits;
import ai.dyad.gateway.host.ratelimit.LimitStore;
import ai.dyad.gateway.host.ratelimit.LocalLimitStore;
import ai.dyad.gateway.host.ratelimit.RateLimitHandler;
import ai.dyad.gateway.host.ratelimit.RedisLimitStore;
import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.TestRedis;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * What API-key auth plus rate limits cost per request: one route served three ways in the same run (bare,
 * behind auth + local limits, behind auth + Redis limits), measured with the same client, interleaved in
 * rounds so machine noise hits all three alike. Prints numbers; asserts nothing. Run on demand:
 * {@code mvn -pl gateway-host -am verify -Dtest=AuthLimitsOverheadBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AuthLimitsOverheadBench {

    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 1500;

    @TempDir
    Path data;

    @Test
    void measure() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ErrorResponder errors = new ErrorResponder(json);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();
        byte[] answer = "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
        HttpHandler route = exchange -> ResponseWriter.sendWhole(exchange, answer);
        try (Store store = Store.open(Optional.empty(), data, Clock.systemUTC());
                TestRedis redis = TestRedis.start()) {
            ApiKeySecrets secrets = new ApiKeySecrets("sk-dyad-");
            String secret = secrets.newSecret();
            store.apiKeys()
                    .insert(new ApiKey(
                            null,
                            "bench",
                            secrets.visiblePrefix(secret),
                            ApiKeySecrets.hash(secret),
                            Set.of("models"),
                            true,
                            null));
            ApiKeyCache cache = new ApiKeyCache(store.apiKeys());
            cache.reload();
            ApiKeyCheck check = new ApiKeyCheck(cache, secrets, Clock.systemUTC());
            KeyLimits limits = new KeyLimits(new RateLimitConfig(Duration.ofMinutes(1), 100_000_000));
            RedissonClient redisson =
                    RedisConnection.open(Optional.of(redis.url())).orElseThrow();
            LimitStore redisStore = new FailoverLimitStore(
                    new RedisLimitStore(redisson, Duration.ofSeconds(1)),
                    new LocalLimitStore(Clock.systemUTC()),
                    housekeeping,
                    Duration.ofMillis(500));
            Map<String, HttpHandler> variants = new LinkedHashMap<>();
            variants.put("off (same route, no auth, no limits)", route);
            variants.put(
                    "auth + local limits",
                    new ApiKeyAuth(
                            new RateLimitHandler(route, limits, new LocalLimitStore(Clock.systemUTC()), errors),
                            check));
            variants.put(
                    "auth + Redis limits",
                    new ApiKeyAuth(new RateLimitHandler(route, limits, redisStore, errors), check));
            List<Undertow> servers = new ArrayList<>();
            List<URI> uris = new ArrayList<>();
            for (HttpHandler handler : variants.values()) {
                Undertow server = Undertow.builder()
                        .addHttpListener(0, "127.0.0.1")
                        .setByteBufferPool(new DefaultByteBufferPool(true, 16 * 1024, 1024, 0))
                        .setHandler(new ErrorBoundary(handler, errors))
                        .build();
                server.start();
                servers.add(server);
                int port =
                        ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
                uris.add(URI.create("http://127.0.0.1:" + port + "/v1/models"));
            }
            try {
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                List<String> names = new ArrayList<>(variants.keySet());
                long[][] samples = new long[names.size()][ROUNDS * PER_ROUND];
                for (int v = 0; v < names.size(); v++) {
                    run(client, uris.get(v), secret, new long[2000], 0); // warm-up
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (int v = 0; v < names.size(); v++) {
                        run(client, uris.get(v), secret, samples[v], round * PER_ROUND);
                    }
                }
                long baseline = median(samples[0]);
                System.out.printf(
                        "%nauth + limits overhead, %d sequential requests per variant (keep-alive)%n",
                        ROUNDS * PER_ROUND);
                for (int v = 0; v < names.size(); v++) {
                    long median = median(samples[v]);
                    System.out.printf(
                            "  %-40s median %6d us  p90 %6d us  mean %6d us  overhead (median) %+6d us%n",
                            names.get(v),
                            median / 1000,
                            percentile(samples[v], 0.9) / 1000,
                            Arrays.stream(samples[v]).sum() / samples[v].length / 1000,
                            (median - baseline) / 1000);
                }
            } finally {
                servers.forEach(Undertow::stop);
                redisson.shutdown();
                housekeeping.shutdownNow();
            }
        }
    }

    private static void run(HttpClient client, URI uri, String secret, long[] into, int from) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("authorization", "Bearer " + secret)
                .GET()
                .build();
        for (int i = 0; i < PER_ROUND && from + i < into.length; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            into[from + i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
        }
    }

    private static long median(long[] values) {
        return percentile(values, 0.5);
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
