package ai.dyad.gateway.plugins.local.ollama;

import static ai.dyad.gateway.wire.testing.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenAI request and provider settings in, Ollama {@code /api/chat} body (or the refusal) out. */
class OllamaRequestTranslatorTest {

    static List<Path> fixtures() {
        return Fixtures.list("fixtures/ollama/requests", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void translatesAsTheFixtureExpects(Path fixture) {
        JsonNode test = Fixtures.json(fixture);
        JsonNode provider = test.path("provider");
        OllamaOptions options = new OllamaOptions(
                provider.has("keepAlive") ? provider.get("keepAlive").asText() : null,
                provider.has("numCtx") ? provider.get("numCtx").asInt() : null,
                provider.has("numGpu") ? provider.get("numGpu").asInt() : null);
        ChatRequest request = ChatRequests.fromNode(test.get("request"));
        if (test.has("error")) {
            assertThatThrownBy(() -> OllamaRequestTranslator.translate(request, options))
                    .isInstanceOfSatisfying(AdapterException.class, e -> {
                        assertThat(e.kind().name())
                                .isEqualTo(test.path("error").path("kind").asText());
                        assertThat(e.param())
                                .contains(test.path("error").path("param").asText());
                    });
        } else {
            assertSameJson(test.get("expected"), OllamaRequestTranslator.translate(request, options));
        }
    }
}
