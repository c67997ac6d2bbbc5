package ai.dyad.gateway.host.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.metrics.MetricNames;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache through real HTTP: a provider that counts its runs tells a cached answer from a fresh
 * one. In-process cache here; the Redis-backed one across a restart below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ResponseCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private Path counter;
    private String adminKey;
    private String otherKey;
    private TestGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        counter = home.resolve("runs");
        seedCounting(home, "counting", "counted", counter);
        seedCounting(home, "no-cache", "uncached", counter);
        otherKey = seedKey(home, "second key");
        // No health checks: the counting CLI would count their version probes as runs.
        gateway = start(
                home,
                Map.of(
                        "CACHE_ENABLED",
                        "true",
                        "CACHE_DISABLED_PROVIDERS",
                        "no-cache",
                        "HEALTH_CHECK_INTERVAL_MS",
                        "0"));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void servesARepeatedDeterministicRequestFromTheCache() throws Exception {
        String body = chat("counted", "tell me once", "\"temperature\":0");
        HttpResponse<String> first = post(gateway, adminKey, body, Map.of());
        int runs = runs();
        HttpResponse<String> second = post(gateway, adminKey, body, Map.of());

        assertThat(first.headers().firstValue("x-dyad-cache")).contains("miss");
        assertThat(second.headers().firstValue("x-dyad-cache")).contains("hit");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(runs()).isEqualTo(runs);
        assertThat(content(second)).contains("tell me once");
    }

    @Test
    void ignoresFieldOrderButNotFieldValues() throws Exception {
        String a = "{\"temperature\":0,\"model\":\"counted\",\"messages\":[{\"role\":\"user\",\"content\":\"order\"}]}";
        String b =
                "{\"messages\":[{\"content\":\"order\",\"role\":\"user\"}],\"model\":\"counted\",\"temperature\":0.0}";
        post(gateway, adminKey, a, Map.of());
        assertThat(post(gateway, adminKey, b, Map.of()).headers().firstValue("x-dyad-cache"))
                .contains("hit");
        String c = "{\"temperature\":0,\"model\":\"counted\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"order\"}]}";
        assertThat(post(gateway, adminKey, c, Map.of()).headers().firstValue("x-dyad-cache"))
                .contains("miss");
    }

    @Test
    void neverSharesAnAnswerBetweenKeys() throws Exception {
        String body = chat("counted", "my secret question", "\"temperature\":0");
        post(gateway, adminKey, body, Map.of());
        int runs = runs();
        HttpResponse<String> other = post(gateway, otherKey, body, Map.of());
        assertThat(other.headers().firstValue("x-dyad-cache")).contains("miss");
        assertThat(runs()).isEqualTo(runs + 1);
    }

    @Test
    void cachesOnlyWhatIsDeterministicOrForced() throws Exception {
        String warm = chat("counted", "creative", "\"temperature\":0.7");
        HttpResponse<String> first = post(gateway, adminKey, warm, Map.of());
        HttpResponse<String> again = post(gateway, adminKey, warm, Map.of());
        assertThat(first.headers().firstValue("x-dyad-cache")).isEmpty();
        assertThat(again.headers().firstValue("x-dyad-cache")).isEmpty();

        String forced = chat("counted", "forced", "\"temperature\":0.7");
        post(gateway, adminKey, forced, Map.of("x-dyad-cache", "force"));
        assertThat(post(gateway, adminKey, forced, Map.of("x-dyad-cache", "force"))
                        .headers()
                        .firstValue("x-dyad-cache"))
                .contains("hit");

        String cold = chat("counted", "bypassed", "\"temperature\":0");
        post(gateway, adminKey, cold, Map.of());
        int runs = runs();
        HttpResponse<String> bypassed = post(gateway, adminKey, cold, Map.of("x-dyad-cache", "bypass"));
        assertThat(bypassed.headers().firstValue("x-dyad-cache")).isEmpty();
        assertThat(runs()).isEqualTo(runs + 1);
    }

    @Test
    void neverCachesStreams() throws Exception {
        String body = chat("counted", "stream me", "\"temperature\":0,\"stream\":true");
        post(gateway, adminKey, body, Map.of());
        int runs = runs();
        HttpResponse<String> again = post(gateway, adminKey, body, Map.of());
        assertThat(again.headers().firstValue("x-dyad-cache")).isEmpty();
        assertThat(again.body()).contains("data: [DONE]");
        assertThat(runs()).isEqualTo(runs + 1);
    }

    @Test
    void neverCachesAnOptedOutProvider() throws Exception {
        String body = chat("uncached", "not for the cache", "\"temperature\":0");
        post(gateway, adminKey, body, Map.of());
        int runs = runs();
        HttpResponse<String> again = post(gateway, adminKey, body, Map.of());
        assertThat(again.headers().firstValue("x-dyad-cache")).contains("miss");
        assertThat(runs()).isEqualTo(runs + 1);
    }

    @Test
    void neverCachesErrors() throws Exception {
        String body = chat("no-such-model", "hi", "\"temperature\":0");
        assertThat(post(gateway, adminKey, body, Map.of()).statusCode()).isEqualTo(404);
        assertThat(post(gateway, adminKey, body, Map.of()).headers().firstValue("x-dyad-cache"))
                .contains("miss");
    }

    @Test
    void countsTheUsageOfAHit() throws Exception {
        String body = chat("counted", "usage please", "\"temperature\":0");
        HttpResponse<String> first = post(gateway, adminKey, body, Map.of());
        int promptTokens =
                JSON.readTree(first.body()).at("/usage/prompt_tokens").asInt();
        long before = inputTokens(gateway);
        HttpResponse<String> hit = post(gateway, adminKey, body, Map.of());
        assertThat(hit.headers().firstValue("x-dyad-cache")).contains("hit");
        assertThat(inputTokens(gateway) - before).isEqualTo(promptTokens).isPositive();
    }

    @Test
    void aHitStillCountsAsUsageAndHonoursTheKeysAllowedModels() throws Exception {
        AdminClient admin = new AdminClient(gateway.baseUrl(), adminKey);
        AdminClient.Response created =
                admin.post("/api-keys", Map.of("name", "cache user", "permissions", List.of("chat")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        String key = created.body().get("key").asText();
        String body = chat("counted", "count me twice", "\"temperature\":0");

        assertThat(post(gateway, key, body, Map.of()).headers().firstValue("x-dyad-cache"))
                .contains("miss");
        assertThat(post(gateway, key, body, Map.of()).headers().firstValue("x-dyad-cache"))
                .contains("hit");
        JsonNode usage = admin.get("/api-keys/" + id + "/usage").body();
        assertThat(usage.get("totalRequests").asLong()).isEqualTo(2);

        // The key loses the model: its cached answer must not reach it any more.
        assertThat(admin.patch("/api-keys/" + id, Map.of("allowedModels", List.of("uncached")))
                        .status())
                .isEqualTo(200);
        Ask.eventually(
                Duration.ofSeconds(15),
                () -> {
                    try {
                        return post(gateway, key, body, Map.of()).statusCode() == 403;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "the cached answer is refused once the key may not use the model");
    }

    @Test
    void sharesTheCacheThroughRedisAcrossRestarts(@TempDir Path redisHome) throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            String admin;
            try (TestGateway first = TestGateway.start(redisHome)) {
                admin = first.adminKey();
            }
            Path runs = redisHome.resolve("runs");
            seedCounting(redisHome, "counting", "counted", runs);
            String body = chat("counted", "remember me", "\"temperature\":0");
            Map<String, String> env =
                    Map.of("REDIS_URL", redis.url(), "CACHE_ENABLED", "true", "HEALTH_CHECK_INTERVAL_MS", "0");
            try (TestGateway a = TestGateway.start(redisHome, admin, env)) {
                assertThat(post(a, admin, body, Map.of()).headers().firstValue("x-dyad-cache"))
                        .contains("miss");
            }
            // A new process has an empty memory: a hit can only come from Redis.
            try (TestGateway b = TestGateway.start(redisHome, admin, env)) {
                HttpResponse<String> hit = post(b, admin, body, Map.of());
                assertThat(hit.headers().firstValue("x-dyad-cache")).contains("hit");
                assertThat(content(hit)).contains("remember me");
            }
            assertThat(Files.readAllLines(runs)).hasSize(1);
        }
    }

    private TestGateway start(Path dir, Map<String, String> env) {
        return TestGateway.start(dir, adminKey, env);
    }

    private static void seedCounting(Path dir, String name, String model, Path counter) {
        TestGateway.seed(
                dir,
                Provider.create(
                        name,
                        "spawn-cli",
                        Map.of(
                                "command",
                                TestGateway.script("count-calls").toString(),
                                "env",
                                Map.of("COUNTER", counter.toString())),
                        List.of(ProviderModel.named(model))));
    }

    /** A second chat key, straight into the stopped gateway's store; returns its secret. */
    private static String seedKey(Path dir, String name) {
        ApiKeySecrets secrets = new ApiKeySecrets("sk-dyad-");
        String secret = secrets.newSecret();
        try (Store store = Store.open(Optional.empty(), dir.resolve("data"), Clock.systemUTC())) {
            store.apiKeys()
                    .insert(new ApiKey(
                            null,
                            name,
                            secrets.visiblePrefix(secret),
                            ApiKeySecrets.hash(secret),
                            Set.of("chat", "models"),
                            true,
                            null));
        }
        return secret;
    }

    private int runs() throws Exception {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    private long inputTokens(TestGateway target) {
        return target.metrics()
                .registry()
                .meter(MetricNames.labelled("gateway_tokens_processed", "model", "counted", "type", "input"))
                .getCount();
    }

    private static String chat(String model, String prompt, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]," + extra
                + "}";
    }

    private static String content(HttpResponse<String> response) throws Exception {
        JsonNode completion = JSON.readTree(response.body());
        return completion.at("/choices/0/message/content").asText();
    }

    private HttpResponse<String> post(TestGateway target, String key, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
