package ai.dyad.gateway.host.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.EchoProviders;
import ai.dyad.gateway.host.testing.RawHttp;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's circuit through a real gateway: it opens after three failures, skips the provider without
 * calling it, lets one probe through after the open time (half-open) while other requests still skip it,
 * and closes when the probe succeeds — with the upstream switched from failing to working mid-test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class CircuitBreakerIT {

    @TempDir
    static Path home;

    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer primary =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final WireMockServer backup =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private TestGateway gateway;
    private RawHttp http;

    @BeforeAll
    void start() {
        primary.start();
        backup.start();
        TestGateway.seedAll(
                home,
                List.of(
                        EchoProviders.echo(
                                "cb-primary",
                                "http://127.0.0.1:" + primary.port() + "/cb/",
                                0,
                                1,
                                null,
                                ProviderModel.named("cb")),
                        EchoProviders.echo(
                                "cb-backup",
                                "http://127.0.0.1:" + backup.port() + "/cb/",
                                1,
                                1,
                                null,
                                ProviderModel.named("cb"))));
        backup.stubFor(post(urlEqualTo("/cb/chat")).willReturn(aResponse().withBody("from backup")));
        gateway = TestGateway.start(
                home,
                null,
                Map.of(
                        "MAX_RETRIES", "0",
                        "CIRCUIT_BREAKER_THRESHOLD", "3",
                        "CIRCUIT_BREAKER_TIMEOUT_MS", "1000",
                        "HEALTH_CHECK_INTERVAL_MS", "0"));
        http = new RawHttp(gateway.baseUrl(), gateway.adminKey());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        primary.stop();
        backup.stop();
    }

    @Test
    void opensSkipsHalfOpensAndCloses() throws Exception {
        primary.stubFor(post(urlEqualTo("/cb/chat")).willReturn(aResponse().withStatus(500)));
        assertThat(circuit()).isEqualTo("closed");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http.chat("cb", false);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-dyad-fallbacks")).contains("cb-primary=upstream_error");
        }
        assertThat(circuit()).isEqualTo("open");

        // Open: the primary is skipped without a call.
        HttpResponse<String> skipped = http.chat("cb", false);
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(skipped.headers().firstValue("x-dyad-fallbacks")).contains("cb-primary=circuit_open");
        assertThat(primaryCalls()).isEqualTo(3);
        assertThat(json.readTree(http.get("/health/detailed").body())
                        .path("circuits")
                        .toString())
                .contains("\"providerName\":\"cb-primary\"")
                .contains("\"state\":\"open\"");

        // The upstream recovers (slowly, so the probe can be watched).
        primary.stubFor(post(urlEqualTo("/cb/chat"))
                .willReturn(aResponse().withFixedDelay(1_500).withBody("primary is back")));
        Thread.sleep(1_100); // past CIRCUIT_BREAKER_TIMEOUT_MS: the next request is the probe
        CompletableFuture<HttpResponse<String>> probe = CompletableFuture.supplyAsync(() -> http.chat("cb", false));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"half_open".equals(circuit()) && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        assertThat(circuit()).isEqualTo("half_open");
        if (!probe.isDone()) {
            // While the one probe runs, other requests still skip the provider.
            HttpResponse<String> meanwhile = http.chat("cb", false);
            assertThat(meanwhile.body()).contains("from backup");
            assertThat(meanwhile.headers().firstValue("x-dyad-fallbacks")).contains("cb-primary=circuit_open");
        }
        HttpResponse<String> probed = probe.get(10, TimeUnit.SECONDS);
        assertThat(probed.statusCode()).isEqualTo(200);
        assertThat(probed.body()).contains("primary is back");
        assertThat(probed.headers().firstValue("x-dyad-provider")).contains("cb-primary");
        assertThat(circuit()).isEqualTo("closed");

        HttpResponse<String> after = http.chat("cb", false);
        assertThat(after.headers().firstValue("x-dyad-provider")).contains("cb-primary");
        assertThat(after.headers().firstValue("x-dyad-fallbacks")).isEmpty();
    }

    @Test
    void answersNotFoundForTheCircuitOfAnUnknownProvider() {
        HttpResponse<String> response = http.get("/admin/providers/nope/circuit");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("provider_not_found");
    }

    private String circuit() throws Exception {
        HttpResponse<String> response = http.get("/admin/providers/cb-primary/circuit");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("state").asText();
    }

    private int primaryCalls() {
        return primary.findAll(postRequestedFor(urlEqualTo("/cb/chat"))).size();
    }
}
