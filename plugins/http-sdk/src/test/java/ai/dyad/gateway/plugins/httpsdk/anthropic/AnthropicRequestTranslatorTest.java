package ai.dyad.gateway.plugins.httpsdk.anthropic;

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

/** OpenAI request in, Anthropic Messages request (or the refusal) out; one fixture per case. */
class AnthropicRequestTranslatorTest {

    static List<Path> fixtures() {
        return Fixtures.list("fixtures/anthropic/requests", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void translatesAsTheFixtureExpects(Path fixture) {
        JsonNode test = Fixtures.json(fixture);
        var translator = new AnthropicRequestTranslator(
                test.path("options").path("defaultMaxTokens").asInt());
        ChatRequest request = ChatRequests.fromNode(test.get("request"));
        if (test.has("error")) {
            assertThatThrownBy(() -> translator.translate(request))
                    .isInstanceOfSatisfying(AdapterException.class, e -> {
                        assertThat(e.kind().name())
                                .isEqualTo(test.path("error").path("kind").asText());
                        assertThat(e.param())
                                .contains(test.path("error").path("param").asText());
                    });
        } else {
            assertSameJson(test.get("expected"), translator.translate(request));
        }
    }
}
