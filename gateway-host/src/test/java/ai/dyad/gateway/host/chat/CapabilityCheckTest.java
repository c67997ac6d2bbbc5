package ai.dyad.gateway.host.chat;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.Capabilities.Feature;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapabilityCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "{\"role\":\"user\",\"content\":\"x\"}";

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("plain text", "\"messages\":[" + USER + "]", null, null),
                Arguments.of("n = 1", "\"messages\":[" + USER + "],\"n\":1", null, null),
                Arguments.of("n = 2", "\"messages\":[" + USER + "],\"n\":2", Feature.MULTIPLE_CHOICES, "n"),
                Arguments.of(
                        "tools",
                        "\"messages\":[" + USER + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
                        Feature.TOOLS,
                        "tools"),
                Arguments.of(
                        "tools switched off by tool_choice none",
                        "\"messages\":[" + USER + "],\"tool_choice\":\"none\","
                                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
                        null,
                        null),
                Arguments.of("logprobs", "\"messages\":[" + USER + "],\"logprobs\":true", Feature.LOGPROBS, "logprobs"),
                Arguments.of("logprobs false", "\"messages\":[" + USER + "],\"logprobs\":false", null, null),
                Arguments.of(
                        "text response format",
                        "\"messages\":[" + USER + "],\"response_format\":{\"type\":\"text\"}",
                        null,
                        null),
                Arguments.of(
                        "JSON mode",
                        "\"messages\":[" + USER + "],\"response_format\":{\"type\":\"json_object\"}",
                        Feature.STRUCTURED_OUTPUT,
                        "response_format"),
                Arguments.of(
                        "an image in the third message",
                        "\"messages\":[" + USER + "," + USER + ",{\"role\":\"user\",\"content\":["
                                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"u\"}}]}]",
                        Feature.IMAGE_INPUT,
                        "messages[2].content[0]"),
                Arguments.of(
                        "audio",
                        "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"d\",\"format\":\"mp3\"}}]}]",
                        Feature.AUDIO_INPUT,
                        "messages[0].content[1]"),
                Arguments.of(
                        "a file",
                        "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"f\"}}]}]",
                        Feature.FILE_INPUT,
                        "messages[0].content[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void needsExactlyTheFeatureItUses(String name, String body, Feature needed, String param) throws Exception {
        ChatRequestParser.Parsed parsed =
                new ChatRequestParser(new JsonFields(JSON)).parse(JSON.readTree("{\"model\":\"m\"," + body + "}"));

        assertThat(CapabilityCheck.problem(parsed, Capabilities.all(), "m")).isEmpty();
        Optional<ApiError> textOnly = CapabilityCheck.problem(parsed, Capabilities.textOnly(), "m");
        if (needed == null) {
            assertThat(textOnly).isEmpty();
            return;
        }
        assertThat(textOnly).hasValueSatisfying(error -> {
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.type()).isEqualTo("invalid_request_error");
            assertThat(error.param()).isEqualTo(param);
        });
        Capabilities justThat = Capabilities.of(needed);
        assertThat(CapabilityCheck.problem(parsed, justThat, "m")).isEmpty();
    }
}
