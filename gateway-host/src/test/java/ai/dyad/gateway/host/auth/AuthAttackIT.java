package ai.dyad.gateway.host.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.HttpCalls;
import ai.dyad.gateway.host.testing.HttpCalls.Reply;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.Tokens;
import java.nio.file.Path;
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

/** Every way a caller can be wrong about who they are, each answered with its status and OpenAI error. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AuthAttackIT {

    private static final String SECRET = "kR7vQ2mX9pL4tW8zB1nC6yH3jD5fG0sA-e8uIo";
    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String ADMIN_PASSWORD = "correct horse battery staple";

    @TempDir
    static Path home;

    private TestGateway gateway;
    private HttpCalls http;
    private String admin;
    private String chatKey;
    private String modelsOnlyKey;
    private String gptOnlyKey;

    @BeforeAll
    void start() {
        gateway = TestGateway.start(
                home, null, Map.of("JWT_SECRET", SECRET, "ADMIN_EMAIL", ADMIN_EMAIL, "ADMIN_PASSWORD", ADMIN_PASSWORD));
        http = new HttpCalls(gateway.baseUrl());
        admin = gateway.adminKey();
        chatKey = createKey(Map.of("name", "chat", "permissions", List.of("chat", "models")));
        modelsOnlyKey = createKey(Map.of("name", "models only", "permissions", List.of("models")));
        gptOnlyKey = createKey(Map.of("name", "gpt only", "allowedModels", List.of("gpt-*")));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private String createKey(Map<String, Object> body) {
        Reply created = http.post("/admin/api-keys", body, admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    private Reply chat(String authorization) {
        return http.send(
                "POST",
                "/v1/chat/completions",
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                authorization);
    }

    Stream<Arguments> badBearers() {
        String wrongPrefix = "sk-other-" + "A".repeat(43);
        String unknown = "sk-dyad-" + "B".repeat(43);
        return Stream.of(
                Arguments.of("missing header", null, "missing_api_key"),
                Arguments.of("blank header", " ", "missing_api_key"),
                Arguments.of("other scheme", "Basic dXNlcjpwYXNz", "invalid_api_key"),
                Arguments.of("bearer without token", "Bearer", "invalid_api_key"),
                Arguments.of("malformed token", "Bearer not a key at all", "invalid_api_key"),
                Arguments.of("wrong prefix", "Bearer " + wrongPrefix, "invalid_api_key"),
                Arguments.of("unknown key", "Bearer " + unknown, "invalid_api_key"),
                Arguments.of("truncated key", "Bearer sk-dyad-short", "invalid_api_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBearers")
    void refusesABadBearerWith401(String what, String authorization, String code) {
        Reply reply = chat(authorization);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorType()).isEqualTo("invalid_request_error");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.text()).doesNotContain("Exception");
    }

    @Test
    void refusesAnAdminJwtOnTheApi() {
        Reply reply = chat("Bearer " + login().get("access_token"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalid_api_key");
    }

    @Test
    void refusesARevokedKeyAtOnce() {
        Reply created = http.post("/admin/api-keys", Map.of("name", "to revoke"), admin);
        String key = created.json().get("key").asText();
        assertThat(chat("Bearer " + key).status()).isEqualTo(200);
        assertThat(http.delete("/admin/api-keys/" + created.json().get("id").asText(), admin)
                        .status())
                .isEqualTo(204);
        Reply reply = chat("Bearer " + key);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("invalid_api_key");
    }

    @Test
    void refusesADisabledKey() {
        Reply created = http.post("/admin/api-keys", Map.of("name", "to disable"), admin);
        String id = created.json().get("id").asText();
        http.patch("/admin/api-keys/" + id, Map.of("enabled", false), admin);
        Reply reply = chat("Bearer " + created.json().get("key").asText());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("api_key_disabled");
    }

    @Test
    void refusesAnExpiredKeyAsSoonAsItExpires() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(2);
        Reply created =
                http.post("/admin/api-keys", Map.of("name", "short-lived", "expiresAt", expiry.toString()), admin);
        String key = "Bearer " + created.json().get("key").asText();
        assertThat(chat(key).status()).isEqualTo(200);
        while (Instant.now().isBefore(expiry.plusMillis(50))) {
            Thread.sleep(100);
        }
        Reply reply = chat(key);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("api_key_expired");
    }

    @Test
    void refusesAKeyWithoutThePermission() {
        Reply reply = chat("Bearer " + modelsOnlyKey);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorType()).isEqualTo("permission_error");
        assertThat(reply.errorCode()).isEqualTo("insufficient_permissions");
        assertThat(http.get("/v1/models", modelsOnlyKey).status()).isEqualTo(200);
    }

    @Test
    void refusesAModelTheKeyIsNotAllowedAndHidesItFromTheList() {
        Reply reply = chat("Bearer " + gptOnlyKey);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("model_not_allowed");
        assertThat(reply.json().path("error").path("param").asText()).isEqualTo("model");
        assertThat(http.get("/v1/models", gptOnlyKey).json().get("data")).isEmpty();
        assertThat(http.get("/v1/models/echo", gptOnlyKey).status()).isEqualTo(404);
        assertThat(http.get("/v1/models", chatKey).text()).contains("\"echo\"");
    }

    @Test
    void refusesAnApiKeyWithoutAdminPermissionOnAdmin() {
        Reply reply = http.get("/admin/api-keys", chatKey);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("insufficient_permissions");
    }

    Stream<Arguments> forgedTokens() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = claims("access", now + 600);
        return Stream.of(
                Arguments.of("signed with another secret", Tokens.hmac("HS256", SECRET + "x", claims), "invalid_token"),
                Arguments.of("expired", Tokens.hmac("HS256", SECRET, claims("access", now - 3600)), "token_expired"),
                Arguments.of("alg none", Tokens.unsigned(claims), "invalid_token"),
                Arguments.of("HS512 with the same secret", Tokens.hmac("HS512", SECRET, claims), "invalid_token"),
                Arguments.of(
                        "RS256 header on an HMAC signature",
                        Tokens.withHeader(Map.of("alg", "RS256", "typ", "JWT"), Tokens.hmac("HS256", SECRET, claims)),
                        "invalid_token"),
                Arguments.of(
                        "refresh type", Tokens.hmac("HS256", SECRET, claims("refresh", now + 600)), "wrong_token_type"),
                Arguments.of("no type", Tokens.hmac("HS256", SECRET, without(claims, "type")), "wrong_token_type"),
                Arguments.of(
                        "other issuer", Tokens.hmac("HS256", SECRET, with(claims, "iss", "evil")), "invalid_token"),
                Arguments.of("garbage", "a.b.c", "invalid_token"),
                Arguments.of("not a token", "hello", "invalid_token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void refusesAForgedOrUnusableJwtOnAdmin(String what, String token, String code) {
        Reply reply = http.get("/admin/api-keys", token);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorType()).isEqualTo("authentication_error");
    }

    @Test
    void acceptsAWellMadeTokenSoTheRefusalsAboveAreForTheirReason() {
        String token =
                Tokens.hmac("HS256", SECRET, claims("access", Instant.now().getEpochSecond() + 600));
        assertThat(http.get("/admin/api-keys", token).status()).isEqualTo(200);
    }

    @Test
    void logsInRefreshesWithRotationAndLogsOut() {
        Map<String, String> tokens = login();
        assertThat(http.get("/admin/api-keys", tokens.get("access_token")).status())
                .isEqualTo(200);

        Reply asAccess = http.get("/admin/api-keys", tokens.get("refresh_token"));
        assertThat(asAccess.status()).isEqualTo(401);
        assertThat(asAccess.errorCode()).isEqualTo("wrong_token_type");
        Reply accessAsRefresh =
                http.post("/admin/auth/refresh", Map.of("refresh_token", tokens.get("access_token")), null);
        assertThat(accessAsRefresh.errorCode()).isEqualTo("wrong_token_type");

        Reply refreshed = http.post("/admin/auth/refresh", Map.of("refresh_token", tokens.get("refresh_token")), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String rotated = refreshed.json().get("refresh_token").asText();
        assertThat(http.get(
                                "/admin/api-keys",
                                refreshed.json().get("access_token").asText())
                        .status())
                .isEqualTo(200);

        // The old refresh token was used up; replaying it also revokes the session it was rotated into.
        Reply replay = http.post("/admin/auth/refresh", Map.of("refresh_token", tokens.get("refresh_token")), null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("refresh_token_revoked");
        assertThat(http.post("/admin/auth/refresh", Map.of("refresh_token", rotated), null)
                        .status())
                .isEqualTo(401);

        Map<String, String> again = login();
        assertThat(http.post("/admin/auth/logout", Map.of("refresh_token", again.get("refresh_token")), null)
                        .status())
                .isEqualTo(204);
        Reply afterLogout = http.post("/admin/auth/refresh", Map.of("refresh_token", again.get("refresh_token")), null);
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.errorCode()).isEqualTo("refresh_token_revoked");
    }

    @Test
    void refusesBadLoginBodies() {
        assertThat(http.post("/admin/auth/login", Map.of("email", ADMIN_EMAIL), null)
                        .json()
                        .path("error")
                        .path("param")
                        .asText())
                .isEqualTo("password");
        assertThat(http.send("POST", "/admin/auth/login", "{not json", null).status())
                .isEqualTo(400);
        assertThat(http.post("/admin/auth/login", Map.of("email", 5, "password", "x"), null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void throttlesLoginBruteForcePerAccount() {
        String target = "victim@example.com";
        for (int attempt = 1; attempt <= 10; attempt++) {
            Reply wrong = http.post("/admin/auth/login", Map.of("email", target, "password", "guess " + attempt), null);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
        }
        Reply throttled = http.post("/admin/auth/login", Map.of("email", target, "password", "guess 11"), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorType()).isEqualTo("rate_limit_error");
        assertThat(throttled.errorCode()).isEqualTo("too_many_login_attempts");
        assertThat(throttled.header("retry-after")).isPresent();
        // Another account from the same address is still let through (the address limit is higher).
        assertThat(login()).containsKey("access_token");
    }

    private Map<String, String> login() {
        Reply reply = http.post("/admin/auth/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
        return Map.of(
                "access_token", reply.json().get("access_token").asText(),
                "refresh_token", reply.json().get("refresh_token").asText());
    }

    private static Map<String, Object> claims(String type, long expiresAt) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "dyad-gateway");
        claims.put("aud", "dyad-gateway-admin");
        claims.put("sub", "65f0c0ffee0000000000beef");
        claims.put("jti", "test-" + type + "-" + expiresAt);
        claims.put("iat", expiresAt - 600);
        claims.put("exp", expiresAt);
        claims.put("type", type);
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new HashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> changed = new HashMap<>(claims);
        changed.remove(name);
        return changed;
    }
}
