package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.TEXT_ONLY_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.CHAT_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.ObjectMappers;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request the chosen adapter cannot serve is refused with a 400 naming the parameter, before any upstream
 * call, instead of being silently downgraded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class CapabilityConformanceIT {

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of());
        client = env.gateway.openAi();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @BeforeEach
    void resetUpstream() {
        env.upstream.resetAll();
    }

    Stream<Arguments> unservable() {
        String user = "{\"role\":\"user\",\"content\":\"hi\"}";
        return Stream.of(
                Arguments.of(
                        "an image",
                        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this?\"},"
                                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBO\"}}]}]",
                        "",
                        "messages[0].content[1]",
                        "unsupported_value"),
                Arguments.of(
                        "audio",
                        "[" + user + ",{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
                                + "\"input_audio\":{\"data\":\"UklG\",\"format\":\"wav\"}}]}]",
                        "",
                        "messages[1].content[0]",
                        "unsupported_value"),
                Arguments.of(
                        "a file",
                        "[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}]}]",
                        "",
                        "messages[0].content[0]",
                        "unsupported_value"),
                Arguments.of("n > 1", "[" + user + "]", ",\"n\":3", "n", "unsupported_parameter"),
                Arguments.of(
                        "tools",
                        "[" + user + "]",
                        ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
                        "tools",
                        "unsupported_parameter"),
                Arguments.of(
                        "legacy functions",
                        "[" + user + "]",
                        ",\"functions\":[{\"name\":\"f\"}]",
                        "functions",
                        "unsupported_parameter"),
                Arguments.of("logprobs", "[" + user + "]", ",\"logprobs\":true", "logprobs", "unsupported_parameter"),
                Arguments.of(
                        "JSON mode",
                        "[" + user + "]",
                        ",\"response_format\":{\"type\":\"json_object\"}",
                        "response_format",
                        "unsupported_parameter"),
                Arguments.of(
                        "a JSON schema",
                        "[" + user + "]",
                        ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\"}}",
                        "response_format",
                        "unsupported_parameter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unservable")
    void refusesWhatATextOnlyAdapterCannotServe(String what, String messages, String more, String param, String code)
            throws Exception {
        String json = "{\"model\":\"" + TEXT_ONLY_MODEL + "\",\"messages\":" + messages + more + "}";
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .body(ObjectMappers.jsonMapper().readValue(json, ChatCompletionCreateParams.Body.class))
                .build();

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.chat().completions().create(params));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.code()).contains(code);
        assertThat(e.param()).contains(param);
        assertThat(e.getMessage()).contains(TEXT_ONLY_MODEL);
        assertThat(received(env.upstream, CHAT_PATH)).as("no upstream call").isEmpty();
    }

    @Test
    void servesWhatItCanAndIgnoresNothingElse() {
        UpstreamAnswers.chatJson(env.upstream, """
                {"id":"u","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":"plain"},"finish_reason":"stop"}]}
                """);

        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(TEXT_ONLY_MODEL)
                        .addUserMessage("hi")
                        .n(1)
                        .responseFormat(
                                com.openai.models.ResponseFormatText.builder().build())
                        .temperature(0.2)
                        .build());

        assertThat(completion.choices().getFirst().message().content()).contains("plain");
    }

    @Test
    void theSpawnCliDemoRefusesImagesInsteadOfDroppingThem() throws Exception {
        String json = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"describe\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\"}}]}]}";
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .body(ObjectMappers.jsonMapper().readValue(json, ChatCompletionCreateParams.Body.class))
                .build();

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class, () -> client.chat().completions().create(params));

        assertThat(e.param()).contains("messages[0].content[1]");
        assertThat(e.code()).contains("unsupported_value");
    }
}
