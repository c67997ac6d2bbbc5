package ai.dyad.gateway.host.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.testing.HttpCalls;
import ai.dyad.gateway.host.testing.HttpCalls.Reply;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * Two gateway instances sharing one store and one real redis-server: limits hold for both together, token
 * reservations settle to real usage, 429s carry OpenAI's body and headers, and losing Redis degrades to
 * per-instance limits instead of failing requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path homeA;

    @TempDir
    static Path homeB;

    private TestRedis redis;
    private TestGateway a;
    private TestGateway b;
    private HttpCalls httpA;
    private HttpCalls httpB;
    private final Map<String, JsonNode> keys = new ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        redis = TestRedis.start();
        a = TestGateway.start(homeA, null, Map.of("REDIS_URL", redis.url()));
        httpA = new HttpCalls(a.baseUrl());
        key("cluster", Map.of("requestsPerMinute", 40));
        key("headers", Map.of("requestsPerMinute", 3));
        key("tokens", Map.of("requestsPerMinute", 1000, "tokensPerMinute", 300));
        key("fallback", Map.of("requestsPerMinute", 5));
        // B shares A's store and Redis, as a second instance behind a load balancer would.
        b = TestGateway.start(homeB, a.adminKey(), Map.of("REDIS_URL", redis.url(), "MONGODB_URL", a.storeUrl()));
        httpB = new HttpCalls(b.baseUrl());
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private void key(String name, Map<String, Object> rateLimit) {
        Reply created = httpA.post("/admin/api-keys", Map.of("name", name, "rateLimit", rateLimit), a.adminKey());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        keys.put(name, created.json());
    }

    private String secret(String name) {
        return keys.get(name).get("key").asText();
    }

    @Test
    @Order(1)
    void twoInstancesWithSixteenClientsEachAdmitExactlyTheLimit() throws Exception {
        String key = secret("cluster");
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int client = 0; client < 32; client++) {
                HttpCalls instance = client % 2 == 0 ? httpA : httpB;
                runs.add(clients.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        Reply reply = instance.chat(key, "echo", "hello", null, false);
                        statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(statuses.keySet()).containsOnly(200, 429);
        assertThat(statuses.get(200)).hasValue(40);
        assertThat(statuses.get(429)).hasValue(128 - 40);
    }

    @Test
    @Order(2)
    void answersOverTheLimitWithOpenAisErrorAndHeaders() {
        String key = secret("headers");
        for (int i = 1; i <= 3; i++) {
            // Alternate instances: the count is shared.
            Reply ok = (i % 2 == 0 ? httpB : httpA).get("/v1/models", key);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("x-ratelimit-limit-requests")).contains("3");
            assertThat(ok.header("x-ratelimit-remaining-requests")).contains(Integer.toString(3 - i));
            assertThat(ok.header("x-ratelimit-reset-requests").orElseThrow()).matches("(\\d+m)?\\d+(ms|s)");
            assertThat(ok.header("x-ratelimit-limit-tokens")).isEmpty();
        }
        Reply refused = httpB.chat(key, "echo", "one more", null, false);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorType()).isEqualTo("requests");
        assertThat(refused.errorCode()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.json().path("error").path("message").asText()).contains("limit 3");
        assertThat(Integer.parseInt(refused.header("retry-after").orElseThrow()))
                .isBetween(1, 60);
        assertThat(refused.header("x-ratelimit-limit-requests")).contains("3");
        assertThat(refused.header("x-ratelimit-remaining-requests")).contains("0");
        assertThat(refused.header("x-ratelimit-reset-requests")).isPresent();
    }

    @Test
    @Order(3)
    void tokenReservationsSettleToRealUsageAcrossInstancesAndStreams() {
        String key = secret("tokens");
        int limit = 300;
        int maxTokens = 100;
        long estimate = TokenEstimator.estimate(List.of(ChatMessage.of(Role.USER, "hi"))) + maxTokens;
        long used = 0;
        int admitted = 0;
        for (int i = 0; i < 60; i++) {
            boolean stream = i % 2 == 1;
            Reply reply = (i % 3 == 0 ? httpB : httpA).chat(key, "echo", "hi", maxTokens, stream);
            if (used + estimate > limit) {
                assertThat(reply.status()).isEqualTo(429);
                assertThat(reply.errorCode()).isEqualTo("rate_limit_exceeded");
                assertThat(reply.errorType()).isEqualTo("tokens");
                assertThat(reply.header("x-ratelimit-limit-tokens")).contains(Integer.toString(limit));
                assertThat(reply.header("x-ratelimit-remaining-tokens")).contains(Long.toString(limit - used));
                break;
            }
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            // The header shows the window right after this call's reservation: earlier calls count with
            // their real usage, this one with its estimate.
            assertThat(reply.header("x-ratelimit-remaining-tokens")).contains(Long.toString(limit - used - estimate));
            used += totalTokens(reply, stream);
            admitted++;
        }
        // Charging estimates alone would have admitted only limit / estimate calls.
        assertThat(admitted).isGreaterThan((int) (limit / estimate));
        assertThat(used).isLessThanOrEqualTo(limit);
    }

    @Test
    @Order(4)
    void fallsBackToLocalLimitsWhenRedisDiesAndReturnsWhenItComesBack() throws Exception {
        String key = secret("fallback");
        FailoverLimitStore store = (FailoverLimitStore) a.gateway().limitStore();
        assertThat(httpA.get("/v1/models", key).status()).isEqualTo(200);
        assertThat(httpA.get("/v1/models", key).status()).isEqualTo(200);
        assertThat(store.usingRedis()).isTrue();

        redis.kill();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(httpA.get("/v1/models", key).status());
        }
        // No request failed; this instance now counts alone, in a fresh local window of 5.
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
        assertThat(store.usingRedis()).isFalse();
        assertThat(store.localDecisions()).isGreaterThanOrEqualTo(7);
        assertThat(store.outages()).isEqualTo(1);

        redis.resume();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!store.usingRedis() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(store.usingRedis()).isTrue();
        RedissonClient probe = RedisConnection.open(Optional.of(redis.url())).orElseThrow();
        try {
            String bucket = "dyad:rl:{" + keys.get("fallback").get("id").asText() + "}:req";
            long before = counted(probe, bucket);
            Reply reply = httpA.get("/v1/models", key);
            assertThat(reply.status()).isIn(200, 429);
            if (reply.status() == 200) {
                assertThat(counted(probe, bucket)).isEqualTo(before + 1);
            }
            assertThat(store.localDecisions()).isLessThan(9);
        } finally {
            probe.shutdown();
        }
    }

    private static long counted(RedissonClient redis, String bucket) {
        Object used = redis.getMap(bucket, org.redisson.client.codec.StringCodec.INSTANCE)
                .get("u");
        return used == null ? 0 : Long.parseLong(used.toString());
    }

    static long totalTokens(Reply reply, boolean stream) {
        if (!stream) {
            return reply.json().get("usage").get("total_tokens").asLong();
        }
        for (String line : reply.text().split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
                try {
                    return JSON.readTree(line.substring(6))
                            .get("usage")
                            .get("total_tokens")
                            .asLong();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no usage in the stream: " + reply.text());
    }
}
