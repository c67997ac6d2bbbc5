package ai.dyad.gateway.plugins.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.testkit.AdapterConformanceTest;
import ai.dyad.gateway.api.testkit.Scenario;
import ai.dyad.gateway.wire.testing.OpenAiBackendScenarios;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The adapter conformance kit against local (flavor openai: llama.cpp, vLLM), with a WireMock OpenAI-compatible upstream as the backend. */
class LocalOpenAiConformanceTest extends AdapterConformanceTest {

    private static final WireMockServer upstream =
            new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startUpstream() {
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    private static final OpenAiBackendScenarios backend = new OpenAiBackendScenarios(upstream);

    private static Map<String, Object> config() {
        return Map.of("flavor", "openai", "baseUrl", upstream.baseUrl() + "/v1", "discoverModels", false);
    }

    @Override
    protected AdapterFactory factory() {
        return new LocalFactory();
    }

    @Override
    protected Scenario answering(String text) {
        return Scenario.of(config(), backend.answering(text), "say it");
    }

    @Override
    protected Scenario failing() {
        return Scenario.of(config(), backend.failing(), "hello");
    }

    @Override
    protected Scenario hanging() {
        return Scenario.of(config(), backend.hanging(), "hello");
    }
}
