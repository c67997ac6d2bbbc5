package ai.dyad.gateway.plugins.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.plugins.local.ollama.OllamaAdapter;
import ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter;
import ai.dyad.gateway.wire.testing.TestCalls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFactoryTest {

    private final LocalFactory factory = new LocalFactory();

    @Test
    void declaresACompleteSpec() {
        assertThat(factory.type()).isEqualTo("local");
        assertThat(factory.configSpec().fields())
                .extracting(ConfigField::name)
                .containsExactly(
                        "flavor",
                        "baseUrl",
                        "apiKey",
                        "keepAlive",
                        "numCtx",
                        "gpuLayers",
                        "discoverModels",
                        "maxTokensField",
                        "includeUsage",
                        "timeoutMs",
                        "headers");
        assertThat(factory.configSpec().secretFields()).containsExactlyInAnyOrder("apiKey", "headers");
        assertThat(factory.configSpec().fields()).noneMatch(ConfigField::required);
        assertThat(factory.configSpec().fields())
                .allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void failsFastWhenALocalServerIsDown() {
        assertThat(LocalFactory.CONNECT_TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void createsTheAdapterOfTheFlavor() {
        try (var ollama = TestCalls.create(factory, Map.of());
                var openai = TestCalls.create(factory, Map.of("flavor", "openai"))) {
            assertThat(ollama).isInstanceOf(OllamaAdapter.class);
            assertThat(openai).isInstanceOf(OpenAiCompatibleAdapter.class);
        }
    }

    @Test
    void refusesImpossibleOllamaOptions() {
        assertThatThrownBy(() -> TestCalls.create(factory, Map.of("gpuLayers", -1)))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("gpuLayers"));
        assertThatThrownBy(() -> TestCalls.create(factory, Map.of("numCtx", 0)))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("numCtx"));
    }
}
