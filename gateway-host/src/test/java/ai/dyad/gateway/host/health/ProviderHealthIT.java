package ai.dyad.gateway.host.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.EchoProviders;
import ai.dyad.gateway.host.testing.RawHttp;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active health checks, their use by the router and their record in the registry; {@code /health/detailed};
 * and the operator's test call, through a real gateway with a healthy and an unhealthy upstream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class ProviderHealthIT {

    @TempDir
    static Path home;

    @TempDir
    static Path publicHome;

    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer upstream =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private TestGateway gateway;
    private RawHttp http;

    @BeforeAll
    void start() {
        upstream.start();
        upstream.stubFor(get(urlEqualTo("/ok/health")).willReturn(aResponse().withStatus(200)));
        upstream.stubFor(get(urlEqualTo("/bad/health")).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(post(urlEqualTo("/ok/chat")).willReturn(aResponse().withBody("pong")));
        upstream.stubFor(post(urlEqualTo("/bad/chat")).willReturn(aResponse().withBody("pong from bad")));
        TestGateway.seedAll(
                home,
                List.of(
                        // The unhealthy one has the better priority: the router must still prefer the other.
                        EchoProviders.echo("h-bad", url("bad"), 0, 1, null, ProviderModel.named("hm")),
                        EchoProviders.echo("h-ok", url("ok"), 1, 1, null, ProviderModel.named("hm"))));
        gateway = TestGateway.start(home, null, Map.of("HEALTH_CHECK_INTERVAL_MS", "200"));
        http = new RawHttp(gateway.baseUrl(), gateway.adminKey());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.stop();
    }

    @Test
    void checksProvidersAndStoresTheirHealthInTheRegistry() throws Exception {
        Map<String, HealthStatus> stored = awaitStoredHealth();
        assertThat(stored.get("h-ok").status()).isEqualTo("healthy");
        assertThat(stored.get("h-ok").lastCheck()).isNotNull();
        assertThat(stored.get("h-ok").availability()).isEqualTo(1.0);
        assertThat(stored.get("h-bad").status()).isEqualTo("unhealthy");
        assertThat(stored.get("h-bad").availability()).isEqualTo(0.0);

        JsonNode health =
                json.readTree(http.get("/admin/providers/h-bad/health").body());
        assertThat(health.at("/healthStatus/status").asText()).isEqualTo("unhealthy");
        assertThat(health.path("lastCheckDetail").asText()).contains("500");
        assertThat(health.at("/circuit/state").asText()).isEqualTo("closed");
    }

    @Test
    void routesAroundAProviderWhoseCheckFails() throws Exception {
        awaitStoredHealth();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.chat("hm", false);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-dyad-provider")).contains("h-ok");
            assertThat(response.headers().firstValue("x-dyad-fallbacks")).isEmpty();
        }
        assertThat(upstream.findAll(postRequestedFor(urlEqualTo("/bad/chat")))).isEmpty();
    }

    @Test
    void reportsDetailedHealthToAdminsOnly() throws Exception {
        awaitStoredHealth();
        assertThat(http.withKey("sk-dyad-wrong").get("/health/detailed").statusCode())
                .isEqualTo(401);
        HttpResponse<String> response = http.get("/health/detailed");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.path("status").asText()).isEqualTo("degraded");
        assertThat(report.at("/database/status").asText()).isEqualTo("up");
        assertThat(report.at("/database/store").asText()).isEqualTo("embedded");
        assertThat(report.at("/redis/status").asText()).isEqualTo("not_configured");
        assertThat(report.at("/providers/healthy").asInt()).isEqualTo(1);
        assertThat(report.at("/providers/total").asInt()).isEqualTo(2);
        assertThat(report.at("/providers/percentage").asDouble()).isEqualTo(50.0);
        assertThat(report.at("/plugins/adapterTypes").toString()).contains("http-echo");
        assertThat(report.path("circuits").isArray()).isTrue();
        // The cheap liveness probe stays open and small.
        HttpResponse<String> live = http.withKey("none").get("/health");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).doesNotContain("providers");
    }

    @Test
    void testsAProviderWithARealOneTokenChat() throws Exception {
        HttpResponse<String> response = http.send("POST", "/admin/providers/h-ok/test", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(response.body());
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("mode").asText()).isEqualTo("chat");
        assertThat(result.path("answer").asText()).isEqualTo("pong");
        assertThat(result.path("model").asText()).isEqualTo("hm");
        assertThat(result.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(upstream.findAll(postRequestedFor(urlEqualTo("/ok/chat"))
                        .withRequestBody(equalToJson("{\"max_tokens\":1}", true, true))))
                .isNotEmpty();

        JsonNode probe = json.readTree(http.send("POST", "/admin/providers/h-bad/test", "{\"mode\":\"health\"}")
                .body());
        assertThat(probe.path("ok").asBoolean()).isFalse();
        assertThat(probe.path("status").asText()).isEqualTo("unhealthy");
        assertThat(probe.path("detail").asText()).contains("500");
    }

    @Test
    void reportsAFailedTestCallWithItsError() throws Exception {
        upstream.stubFor(post(urlEqualTo("/bad/chat")).willReturn(aResponse().withStatus(502)));
        JsonNode result = json.readTree(
                http.send("POST", "/admin/providers/h-bad/test", "{}").body());
        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.at("/error/code").asText()).isEqualTo("upstream_error");
        assertThat(result.at("/error/status").asInt()).isEqualTo(502);
    }

    @Test
    void refusesBadTestRequests() {
        assertThat(http.send("POST", "/admin/providers/nope/test", null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> badMode = http.send("POST", "/admin/providers/h-ok/test", "{\"mode\":\"paid\"}");
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.body()).contains("\"param\":\"mode\"");
        assertThat(http.send("POST", "/admin/providers/h-ok/test", "[1]").statusCode())
                .isEqualTo(400);
        assertThat(http.withKey("sk-dyad-wrong")
                        .send("POST", "/admin/providers/h-ok/test", null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void canServeDetailedHealthPubliclyAndPingsRedis() throws Exception {
        try (TestRedis redis = TestRedis.start();
                TestGateway open = TestGateway.start(
                        publicHome,
                        null,
                        Map.of(
                                "HEALTH_DETAILED_PUBLIC", "true",
                                "HEALTH_CHECK_INTERVAL_MS", "0",
                                "REDIS_URL", redis.url()))) {
            HttpResponse<String> response = new RawHttp(open.baseUrl(), "no-key").get("/health/detailed");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode report = json.readTree(response.body());
            assertThat(report.at("/redis/status").asText()).isEqualTo("up");
            redis.kill();
            JsonNode down = json.readTree(new RawHttp(open.baseUrl(), "no-key")
                    .get("/health/detailed")
                    .body());
            assertThat(down.at("/redis/status").asText()).isEqualTo("down");
            assertThat(down.path("status").asText()).isEqualTo("degraded");
        }
    }

    private Map<String, HealthStatus> awaitStoredHealth() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Map<String, HealthStatus> byName = new java.util.HashMap<>();
            for (Provider p : gateway.gateway().store().providers().findAll()) {
                byName.put(p.name(), p.healthStatus());
            }
            boolean checked = byName.values().stream().allMatch(h -> h.lastCheck() != null)
                    && "unhealthy".equals(byName.get("h-bad").status());
            if (checked || System.nanoTime() > giveUp) {
                return byName;
            }
            Thread.sleep(50);
        }
    }

    private String url(String prefix) {
        return "http://127.0.0.1:" + upstream.port() + "/" + prefix + "/";
    }
}
