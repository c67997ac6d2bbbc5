package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.json;
import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.sse;
import static ai.dyad.gateway.host.adapters.ThroughGateway.error;
import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static ai.dyad.gateway.host.adapters.ThroughGateway.serviceError;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
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
 * The http-sdk adapter with {@code vendor: openai} inside a running gateway, driven by the official OpenAI SDK
 * against a WireMock Chat Completions and Embeddings API that answers with responses from OpenAI's API reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OpenAiVendorThroughGatewayIT {

    private static final String KEY = "sk-vendor-test-0123456789abcdef";

    @TempDir
    static Path home;

    private final WireMockServer openai = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gateway;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        openai.start();
        gateway = TestGateway.start(home);
        client = gateway.openAi();
        ThroughGateway.createProvider(
                gateway,
                "openai",
                "http-sdk",
                Map.of("vendor", "openai", "baseUrl", openai.baseUrl() + "/v1", "apiKey", KEY),
                null,
                "gpt-text",
                "gpt-tools",
                "gpt-error",
                "text-embedding-3-small");
    }

    @AfterAll
    void stop() {
        gateway.close();
        openai.stop();
    }

    @Test
    void answersTextWithTheVendorKey() {
        stub("gpt-text", false, json(fixture("openai/text.json")));

        ChatCompletion answer = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-text")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("Hello!")
                        .build());

        assertThat(answer.choices().getFirst().message().content()).contains("Hello! How can I assist you today?");
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(answer.usage().orElseThrow().completionTokens()).isEqualTo(10);
        openai.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-text")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("Hello!"))));
    }

    @Test
    void streamsText() {
        stub("gpt-text", true, sse(fixture("openai/text-stream.sse")));

        ChatCompletion answer =
                ThroughGateway.streamed(client, params("gpt-text").build());

        assertThat(answer.choices().getFirst().message().content()).contains("Hello there! 👋");
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void toolCallsAreTypedAndStreamedAddUpToTheJsonAnswer() {
        stub("gpt-tools", false, json(fixture("openai/tools.json")));
        stub("gpt-tools", true, sse(fixture("openai/tools-stream.sse")));
        ChatCompletionCreateParams params = params("gpt-tools")
                .addTool(AnthropicThroughGatewayIT.tool("get_weather"))
                .addTool(AnthropicThroughGatewayIT.tool("get_time"))
                .build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletion streamed = ThroughGateway.streamed(client, params);

        List<ThroughGateway.ToolCallSeen> calls = ThroughGateway.toolCalls(whole);
        assertThat(calls)
                .containsExactly(
                        new ThroughGateway.ToolCallSeen(
                                "call_DdmO9pD3xa9XTPNJ32zg2hcA",
                                "get_weather",
                                ThroughGateway.parse("{\"city\":\"Paris\"}")),
                        new ThroughGateway.ToolCallSeen(
                                "call_ABC", "get_time", ThroughGateway.parse("{\"tz\":\"CET\"}")));
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(ThroughGateway.toolCalls(streamed)).isEqualTo(calls);
        assertThat(streamed.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        openai.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[1].function.name", equalTo("get_time")))
                .withRequestBody(matchingJsonPath("$.tools[0].type", equalTo("function"))));
    }

    @Test
    void embedsWithFloatAndBase64ToTheSameVectors() {
        openai.stubFor(post(urlPathEqualTo("/v1/embeddings")).willReturn(json(fixture("openai/embeddings.json"))));

        List<List<Float>> floats =
                ThroughGateway.vectors(client, "text-embedding-3-small", EmbeddingCreateParams.EncodingFormat.FLOAT);
        List<List<Float>> base64 =
                ThroughGateway.vectors(client, "text-embedding-3-small", EmbeddingCreateParams.EncodingFormat.BASE64);

        assertThat(floats).hasSize(2);
        assertThat(floats.getFirst()).containsExactly(0.0023064255f, -0.009327292f, 0.015797347f, -0.0077780345f);
        assertThat(floats.get(1)).containsExactly(-0.012345678f, 0.5f, 0.25f, -1.0f);
        assertThat(base64).isEqualTo(floats);
        openai.verify(postRequestedFor(urlPathEqualTo("/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.input[1]", equalTo("Why is the grass green?"))));
    }

    @Test
    void aRejectedVendorKeyIsTheGatewaysProblemNotTheClients() {
        stub("gpt-error", false, error(401, "openai/error-authentication.json"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("gpt-error").build()));

        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.getMessage()).containsIgnoringCase("API key").doesNotContain(KEY);
    }

    @Test
    void rateLimitsKeepTheirStatusAndRetryAfter() {
        stub("gpt-error", false, error(429, "openai/error-rate-limit.json").withHeader("retry-after", "17"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("gpt-error").build()));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.headers().values("retry-after")).containsExactly("17");
        assertThat(e.getMessage()).contains("Rate limit reached");
    }

    @Test
    void badRequestsKeepTheVendorsMessageAndParam() {
        stub("gpt-error", false, error(400, "openai/error-invalid-request.json"));

        OpenAIServiceException e = serviceError(
                () -> client.chat().completions().create(params("gpt-error").build()));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Invalid value for 'temperature': must be at most 2.");
        assertThat(e.param()).contains("temperature");
        assertThat(e.type()).contains("invalid_request_error");
    }

    private void stub(String model, boolean stream, ResponseDefinitionBuilder response) {
        ThroughGateway.stubChat(openai, "/v1/chat/completions", model, stream, response);
    }

    private static ChatCompletionCreateParams.Builder params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("What's the weather?");
    }
}
