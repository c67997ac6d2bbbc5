package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.ThroughGateway.error;
import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static ai.dyad.gateway.host.adapters.ThroughGateway.serviceError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http-sdk adapter with {@code vendor: anthropic} inside a running gateway, driven by the official OpenAI
 * SDK against a WireMock Messages API that answers with responses written from Anthropic's API reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class AnthropicThroughGatewayIT {

    private static final String KEY = "sk-ant-api03-test-0123456789";

    @TempDir
    static Path home;

    private final WireMockServer anthropic = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gateway;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        anthropic.start();
        gateway = TestGateway.start(home);
        client = gateway.openAi();
        Map<String, Object> config =
                Map.of("vendor", "anthropic", "baseUrl", anthropic.baseUrl() + "/v1", "apiKey", KEY);
        ThroughGateway.createProvider(
                gateway, "anthropic", "http-sdk", config, null, "claude-text", "claude-tools", "claude-error");
        ThroughGateway.createProvider(gateway, "anthropic-slow", "http-sdk", config, 500, "claude-slow");
    }

    @AfterAll
    void stop() {
        gateway.close();
        anthropic.stop();
    }

    @Test
    void answersTextAndTranslatesTheSystemMessage() {
        stub("claude-text", false, json(fixture("anthropic/text.json")));

        ChatCompletion answer = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-text")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("Who are you?")
                        .build());

        assertThat(answer.choices().getFirst().message().content()).contains("Hi! My name is Claude.");
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(answer.usage().orElseThrow().completionTokens()).isEqualTo(503);
        anthropic.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(matchingJsonPath("$.system", equalTo("Be brief.")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.max_tokens")));
    }

    @Test
    void streamsText() {
        stub("claude-text", true, sse(fixture("anthropic/text-stream.sse")));

        ChatCompletion answer =
                ThroughGateway.streamed(client, params("claude-text").build());

        assertThat(answer.choices().getFirst().message().content()).contains("Hello! How can I help?");
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void parallelToolCallsStreamedAddUpToTheJsonAnswer() {
        stub("claude-tools", false, json(fixture("anthropic/tools.json")));
        stub("claude-tools", true, sse(fixture("anthropic/thinking-parallel-tools-stream.sse")));
        ChatCompletionCreateParams params = params("claude-tools")
                .addTool(tool("get_weather"))
                .addTool(tool("get_time"))
                .build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletion streamed = ThroughGateway.streamed(client, params);

        assertThat(ThroughGateway.toolCalls(whole))
                .extracting(ThroughGateway.ToolCallSeen::name)
                .containsExactly("get_weather", "get_time", "get_weather");
        assertThat(ThroughGateway.toolCalls(whole)
                        .getFirst()
                        .arguments()
                        .get("location")
                        .asText())
                .isEqualTo("San Francisco, CA");
        assertThat(ThroughGateway.toolCalls(streamed)).isEqualTo(ThroughGateway.toolCalls(whole));
        assertThat(streamed.choices().getFirst().message().content())
                .isEqualTo(whole.choices().getFirst().message().content())
                .contains("Okay, let's check.");
        assertThat(streamed.choices().getFirst().finishReason())
                .isEqualTo(whole.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(ThroughGateway.streamedReasoning(client, params))
                .isEqualTo(ThroughGateway.reasoning(whole))
                .isEqualTo("The user wants weather and time; I can call both tools at once.");
        anthropic.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.tools[1].name", equalTo("get_time")))
                .withRequestBody(matchingJsonPath("$.tools[0].input_schema.type", equalTo("object"))));
    }

    @Test
    void sendsDataUrlAndHttpImagesAsAnthropicImageSources() {
        stub("claude-text", false, json(fixture("anthropic/text.json")));
        String dataUrl =
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

        client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-text")
                        .addUserMessageOfArrayOfContentParts(
                                List.of(
                                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                                .text("What is in these images?")
                                                .build()),
                                        image(dataUrl),
                                        image(
                                                "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg")))
                        .build());

        anthropic.verify(
                postRequestedFor(urlPathEqualTo("/v1/messages"))
                        .withRequestBody(matchingJsonPath("$.messages[0].content[1].source.type", equalTo("base64")))
                        .withRequestBody(
                                matchingJsonPath("$.messages[0].content[1].source.media_type", equalTo("image/png")))
                        .withRequestBody(matchingJsonPath(
                                "$.messages[0].content[1].source.data", equalTo(dataUrl.substring(22))))
                        .withRequestBody(matchingJsonPath("$.messages[0].content[2].source.type", equalTo("url")))
                        .withRequestBody(
                                matchingJsonPath(
                                        "$.messages[0].content[2].source.url",
                                        equalTo(
                                                "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"))));
    }

    @Test
    void aRejectedVendorKeyIsTheGatewaysProblemNotTheClients() {
        stub("claude-error", false, error(401, "anthropic/error-authentication.json"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("claude-error").build()));

        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.getMessage()).containsIgnoringCase("invalid x-api-key").doesNotContain(KEY);
    }

    @Test
    void rateLimitsKeepTheirStatusAndRetryAfter() {
        stub(
                "claude-error",
                false,
                error(429, "anthropic/error-rate-limit.json").withHeader("retry-after", "17"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("claude-error").build()));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.headers().values("retry-after")).containsExactly("17");
        assertThat(e.getMessage()).contains("rate limit");
    }

    @Test
    void badRequestsKeepTheVendorsMessage() {
        stub("claude-error", false, error(400, "anthropic/error-invalid-request.json"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("claude-error").build()));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("text content blocks must be non-empty");
        assertThat(e.type()).contains("invalid_request_error");
    }

    @Test
    void overloadedIsAServerSideRetryableError() {
        stub("claude-error", false, error(529, "anthropic/error-overloaded.json"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("claude-error").build()));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.getMessage()).contains("Overloaded");
    }

    @Test
    void aSilentVendorTimesOutAtTheProvidersTimeout() {
        stub("claude-slow", false, json(fixture("anthropic/text.json")).withFixedDelay(10_000));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("claude-slow").build()));

        assertThat(e.statusCode()).isEqualTo(504);
    }

    private void stub(String model, boolean stream, ResponseDefinitionBuilder response) {
        ThroughGateway.stubChat(anthropic, "/v1/messages", model, stream, response);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body);
    }

    private static ChatCompletionCreateParams.Builder params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("What's the weather?");
    }

    private static ChatCompletionContentPart image(String url) {
        return ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                        .url(url)
                        .build())
                .build());
    }

    static ChatCompletionFunctionTool tool(String name) {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(name)
                        .description("Looks up " + name)
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }
}
