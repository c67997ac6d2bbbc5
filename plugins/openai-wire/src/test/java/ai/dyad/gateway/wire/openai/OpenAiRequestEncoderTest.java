package ai.dyad.gateway.wire.openai;

import static ai.dyad.gateway.wire.testing.JsonAssertions.assertSameJson;

import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request translation, one fixture per case: the client's body in, the upstream's body out. */
class OpenAiRequestEncoderTest {

    static List<Path> fixtures() {
        return Fixtures.list("fixtures/openai/requests", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesTheRequestAsTheFixtureExpects(Path fixture) {
        JsonNode test = Fixtures.json(fixture);
        JsonNode options = test.path("options");
        OpenAiRequestEncoder encoder = new OpenAiRequestEncoder(
                options.path("maxTokensField").asText(),
                options.path("includeUsage").asBoolean());
        assertSameJson(test.get("expected"), encoder.encode(ChatRequests.fromNode(test.get("request"))));
    }
}
