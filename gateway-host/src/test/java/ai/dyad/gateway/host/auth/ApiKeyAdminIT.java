package ai.dyad.gateway.host.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.HttpCalls;
import ai.dyad.gateway.host.testing.HttpCalls.Reply;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /admin/api-keys} end to end, and revocation reaching a second instance with and without Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiKeyAdminIT {

    @TempDir
    static Path home;

    private TestGateway gateway;
    private HttpCalls http;
    private String admin;

    @BeforeAll
    void start() {
        gateway = TestGateway.start(home);
        http = new HttpCalls(gateway.baseUrl());
        admin = gateway.adminKey();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void createsReadsChangesAndDeletesAKeyShowingTheSecretOnlyOnce() {
        Instant expiry = Instant.parse("2099-01-01T00:00:00Z");
        Reply created = http.post(
                "/admin/api-keys",
                Map.of(
                        "name",
                        "ci",
                        "permissions",
                        List.of("chat"),
                        "allowedModels",
                        List.of("echo", "gpt-*"),
                        "expiresAt",
                        expiry.toString(),
                        "rateLimit",
                        Map.of("requestsPerMinute", 30, "tokensPerMinute", 5000)),
                admin);
        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        String id = key.get("id").asText();
        String secret = key.get("key").asText();
        assertThat(secret).startsWith("sk-dyad-").hasSize("sk-dyad-".length() + 43);
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 12));
        assertThat(key.get("permissions")).extracting(JsonNode::asText).containsExactly("chat");
        assertThat(key.get("expiresAt").asText()).isEqualTo(expiry.toString());
        assertThat(key.get("rateLimit").get("tokensPerMinute").asInt()).isEqualTo(5000);
        assertThat(created.header("cache-control")).contains("no-store");

        Reply read = http.get("/admin/api-keys/" + id, admin);
        assertThat(read.text()).doesNotContain(secret).doesNotContain("keyHash").doesNotContain("\"key\"");
        assertThat(http.get("/admin/api-keys", admin).text())
                .doesNotContain(secret)
                .contains(id);

        Reply patched = http.patch(
                "/admin/api-keys/" + id,
                mapWithNull(Map.of("name", "ci renamed", "permissions", List.of("chat", "models")), "rateLimit"),
                admin);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("ci renamed");
        assertThat(patched.json().get("rateLimit").isNull()).isTrue();
        assertThat(patched.json().get("allowedModels")).hasSize(2);
        assertThat(http.get("/v1/models", secret).status()).isEqualTo(200);

        assertThat(http.delete("/admin/api-keys/" + id, admin).status()).isEqualTo(204);
        assertThat(http.get("/admin/api-keys/" + id, admin).errorCode()).isEqualTo("api_key_not_found");
        assertThat(http.delete("/admin/api-keys/" + id, admin).status()).isEqualTo(404);
        assertThat(http.get("/admin/api-keys/not-an-id", admin).status()).isEqualTo(404);
    }

    Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(Map.of(), "name"),
                Arguments.of(Map.of("name", ""), "name"),
                Arguments.of(Map.of("name", "x", "permissions", List.of("root")), "permissions[0]"),
                Arguments.of(Map.of("name", "x", "permissions", "chat"), "permissions"),
                Arguments.of(Map.of("name", "x", "allowedModels", List.of("bad model!")), "allowedModels[0]"),
                Arguments.of(Map.of("name", "x", "expiresAt", "tomorrow"), "expiresAt"),
                Arguments.of(Map.of("name", "x", "expiresAt", "2001-01-01T00:00:00Z"), "expiresAt"),
                Arguments.of(
                        Map.of("name", "x", "rateLimit", Map.of("requestsPerMinute", 0)),
                        "rateLimit.requestsPerMinute"),
                Arguments.of(Map.of("name", "x", "rateLimit", Map.of("rpm", 5)), "rateLimit.rpm"),
                Arguments.of(Map.of("name", "x", "rateLimit", 5), "rateLimit"),
                Arguments.of(Map.of("name", "x", "userId", "nobody"), "userId"),
                Arguments.of(Map.of("name", "x", "userId", "0123456789abcdef01234567"), "userId"),
                Arguments.of(Map.of("name", "x", "enabled", "yes"), "enabled"),
                Arguments.of(Map.of("name", "x", "keyHash", "abc"), "keyHash"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void refusesInvalidInputNamingTheField(Map<String, Object> body, String param) {
        Reply reply = http.post("/admin/api-keys", body, admin);
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.errorType()).isEqualTo("invalid_request_error");
        assertThat(reply.json().path("error").path("param").asText()).isEqualTo(param);
    }

    @Test
    void reportsUsageOfAKey() {
        Reply created = http.post("/admin/api-keys", Map.of("name", "used"), admin);
        String id = created.json().get("id").asText();
        String key = created.json().get("key").asText();
        long tokens = 0;
        for (int i = 0; i < 3; i++) {
            tokens += http.chat(key, "echo", "usage " + i, null, false)
                    .json()
                    .get("usage")
                    .get("total_tokens")
                    .asLong();
        }
        JsonNode usage = http.get("/admin/api-keys/" + id + "/usage", admin).json();
        assertThat(usage.get("totalRequests").asLong()).isEqualTo(3);
        assertThat(usage.get("totalTokens").asLong()).isEqualTo(tokens);
        assertThat(usage.get("requestsToday").asLong()).isEqualTo(3);
        assertThat(usage.get("tokensToday").asLong()).isEqualTo(tokens);
        assertThat(usage.get("lastUsed").isNull()).isFalse();
        assertThat(usage.get("daily").get(0).get("model").asText()).isEqualTo("echo");
        assertThat(http.get("/admin/api-keys/" + id + "/usage?days=0", admin).status())
                .isEqualTo(400);
    }

    @Test
    void revocationReachesAnotherInstanceWithoutRedis(@TempDir Path other) throws Exception {
        revocationReachesAnotherInstance(other, Map.of());
    }

    @Test
    void revocationReachesAnotherInstanceOverRedis(@TempDir Path other) throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            // Both instances of the pair use Redis for the notice, so the pair gets a store of its own.
            TestGateway first = TestGateway.start(other.resolve("a"), null, Map.of("REDIS_URL", redis.url()));
            try {
                revocationBetween(first, other.resolve("b"), Map.of("REDIS_URL", redis.url()));
            } finally {
                first.close();
            }
        }
    }

    private void revocationReachesAnotherInstance(Path other, Map<String, String> env) throws Exception {
        revocationBetween(gateway, other, env);
    }

    private static void revocationBetween(TestGateway first, Path otherHome, Map<String, String> env) throws Exception {
        HttpCalls httpFirst = new HttpCalls(first.baseUrl());
        Reply created = httpFirst.post("/admin/api-keys", Map.of("name", "shared"), first.adminKey());
        String key = created.json().get("key").asText();
        Map<String, String> secondEnv = new HashMap<>(env);
        secondEnv.put("MONGODB_URL", first.storeUrl());
        try (TestGateway second = TestGateway.start(otherHome, first.adminKey(), secondEnv)) {
            HttpCalls httpSecond = new HttpCalls(second.baseUrl());
            assertThat(httpSecond.get("/v1/models", key).status()).isEqualTo(200);
            Instant revoked = Instant.now();
            httpFirst.delete("/admin/api-keys/" + created.json().get("id").asText(), first.adminKey());
            Reply reply = httpSecond.get("/v1/models", key);
            // A hang guard only: the poll runs every second, a Redis notice arrives in milliseconds.
            while (reply.status() == 200
                    && Duration.between(revoked, Instant.now()).toSeconds() < 10) {
                Thread.sleep(20);
                reply = httpSecond.get("/v1/models", key);
            }
            assertThat(reply.status()).isEqualTo(401);
            System.out.println("revocation reached the other instance after "
                    + Duration.between(revoked, Instant.now()).toMillis() + " ms (" + (env.isEmpty() ? "poll" : "Redis")
                    + ")");
        }
    }

    private static Map<String, Object> mapWithNull(Map<String, Object> values, String nullField) {
        Map<String, Object> out = new HashMap<>(values);
        out.put(nullField, null);
        return out;
    }
}
