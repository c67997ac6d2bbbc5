package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misbehaving plugins never take the gateway down: one that throws in start(), one whose classes cannot load,
 * one built for another adapter API, one whose calls block forever. Each is reported with its error in the
 * plugin list; the other plugins keep serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PluginContainmentIT {

    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    private TestGateway gateway;
    private GatewayHttp http;
    private String key;

    @BeforeAll
    void start() {
        try (TestGateway first = TestGateway.start(home)) {
            key = first.adminKey();
        }
        PluginFixtures.provider(home, "starter", "failing-start", "starts-badly", Map.of());
        PluginFixtures.provider(home, "broken", "broken-classes", "broken", Map.of());
        PluginFixtures.provider(home, "future", "future-api", "future", Map.of());
        PluginFixtures.provider(home, "blocker", "blocking", "blocked", Map.of());
        PluginFixtures.provider(home, "hot", "hot-echo", "hot", Map.of());
        for (String fixture : new String[] {"failing-start", "broken-classes", "blocking", "hot-echo-v1"}) {
            PluginFixtures.install(home, fixture);
        }
        gateway = TestGateway.start(home, key, Map.of("DEFAULT_TIMEOUT_MS", "1500"));
        http = new GatewayHttp(gateway.baseUrl());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void reportsAPluginThatThrowsInStartAndKeepsServing() throws Exception {
        JsonNode plugin = plugin("failing-start");
        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.path("error").asText()).contains("start()").contains("the spell book is missing");
        assertUnavailable("starts-badly", "failing-start");
        assertOthersServe();
    }

    @Test
    void reportsAPluginWhoseClassesCannotLoad() throws Exception {
        JsonNode plugin = plugin("broken-classes");
        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.path("error").asText())
                .contains("BrokenClassesFactory")
                .contains("NoClassDefFoundError")
                .contains("com.google.common.base.Splitter");
        assertUnavailable("broken", "broken-classes");
        assertOthersServe();
    }

    @Test
    void refusesAPluginBuiltForAnIncompatibleAdapterApi() throws Exception {
        // Dropped in while the gateway runs.
        PluginFixtures.copyLikeCp(
                PluginFixtures.jar("future-api"), home.resolve("plugins").resolve("future-api.jar"));
        JsonNode plugin = GatewayHttp.entry(
                http.awaitPlugins(
                                key,
                                data -> GatewayHttp.entry(data, "future-api").has("state"),
                                GUARD)
                        .json()
                        .path("data"),
                "future-api");
        assertThat(plugin.path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin.path("requires").asText()).isEqualTo(">=2.0.0 & <3.0.0");
        assertThat(plugin.path("error").asText())
                .contains("requires adapter API >=2.0.0 & <3.0.0")
                .contains("provides " + ai.dyad.gateway.api.ApiVersion.CURRENT);
        assertUnavailable("future", "future-api");
        assertOthersServe();
    }

    @Test
    void boundsACallThatBlocksForeverByTheDeadlineWhileOthersServe() throws Exception {
        assertThat(plugin("blocking").path("state").asText()).isEqualTo("STARTED");
        CompletableFuture<GatewayHttp.Response> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return new GatewayHttp(gateway.baseUrl()).chat(key, "blocked", "are you there?");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // While that call hangs in the plugin, the gateway answers everything else.
        assertOthersServe();
        GatewayHttp.Response response = blocked.get(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.json().path("error").path("type").asText()).isEqualTo("timeout_error");
        assertThat(response.errorCode()).isEqualTo("timeout");
        assertOthersServe();
    }

    @Test
    void answersAStreamWhoseAdapterIgnoresItsCancellationAndStaysUsable() throws Exception {
        byte[] stream = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsBytes(Map.of("model", "blocked", "stream", true, "messages", new Object[] {
                    Map.of("role", "user", "content", "still blocked?")
                }));
        // Twice: each call is abandoned in turn, and the first, still stuck in the adapter, does not disturb
        // the second's answer.
        for (int i = 0; i < 2; i++) {
            GatewayHttp.Response response = http.post("/v1/chat/completions", key, stream, "application/json");
            assertThat(response.status()).as(response.body()).isEqualTo(504);
            assertThat(response.errorCode()).isEqualTo("timeout");
        }
        assertOthersServe();
    }

    private JsonNode plugin(String id) throws Exception {
        GatewayHttp.Response response = http.get("/admin/plugins/" + id, key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertUnavailable(String model, String type) throws Exception {
        GatewayHttp.Response response = http.chat(key, model, "hello");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorCode()).isEqualTo("adapter_unavailable");
        assertThat(response.errorMessage()).contains(type);
    }

    private void assertOthersServe() throws Exception {
        assertThat(http.chat(key, "hot", "still here").answer()).isEqualTo("[v1.0.0] still here");
        assertThat(http.chat(key, "echo", "and me").answer()).isEqualTo("and me");
        assertThat(http.get("/health", null).status()).isEqualTo(200);
    }
}
