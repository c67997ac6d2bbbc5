package ai.dyad.gateway.plugins.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.wire.testing.TestCalls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How {@code flavor: openai} probes the servers it covers: {@code /health} where they have it, else the model list. */
class LocalOpenAiHealthTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ModelAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private Health probe() {
        adapter = TestCalls.create(new LocalFactory(), Map.of("flavor", "openai", "baseUrl", server.baseUrl() + "/v1"));
        return adapter.health();
    }

    @Test
    void llamaServerThatIsReadyIsHealthy() {
        server.stubFor(get(urlPathEqualTo("/health"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"ok\"}")));
        assertThat(probe().status()).isEqualTo(Health.Status.HEALTHY);
    }

    @Test
    void vllmAnswersHealthWithAnEmptyBody() {
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(200)));
        assertThat(probe().status()).isEqualTo(Health.Status.HEALTHY);
    }

    @Test
    void llamaServerStillLoadingItsModelIsDegraded() {
        server.stubFor(
                get(urlPathEqualTo("/health"))
                        .willReturn(
                                aResponse()
                                        .withStatus(503)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}")));
        Health health = probe();
        assertThat(health.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(health.detail()).contains("Loading model");
    }

    @Test
    void lmStudioWithoutHealthEndpointIsProbedThroughItsModelList() {
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(404)));
        server.stubFor(
                get(urlPathEqualTo("/v1/models"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"data\":[{\"id\":\"qwen2.5-7b-instruct\",\"object\":\"model\",\"owned_by\":\"organization_owner\"}],\"object\":\"list\"}")));
        assertThat(probe().status()).isEqualTo(Health.Status.HEALTHY);
    }

    @Test
    void aBrokenServerIsUnhealthy() {
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(500)));
        assertThat(probe().status()).isEqualTo(Health.Status.UNHEALTHY);
    }
}
