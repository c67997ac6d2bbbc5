package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.json;
import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.io.IOException;
import java.net.ServerSocket;
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
 * The local adapter with {@code flavor: ollama} inside a running gateway: Ollama's native API on WireMock
 * (answers from Ollama's API docs), the official OpenAI SDK as the client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OllamaThroughGatewayIT {

    @TempDir
    static Path home;

    private final WireMockServer ollama = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gateway;
    private OpenAIClient client;

    @BeforeAll
    void start() throws IOException {
        ollama.start();
        ollama.stubFor(get(urlPathEqualTo("/api/tags")).willReturn(json(fixture("ollama/tags.json"))));
        gateway = TestGateway.start(home);
        client = gateway.openAi();
        // No models listed: the provider offers what the server has installed (/api/tags).
        ThroughGateway.createProvider(gateway, "ollama", "local", Map.of("baseUrl", ollama.baseUrl()), null);
        ThroughGateway.createProvider(
                gateway,
                "ollama-down",
                "local",
                Map.of("baseUrl", "http://127.0.0.1:" + closedPort(), "discoverModels", false),
                null,
                "down-model");
    }

    @AfterAll
    void stop() {
        gateway.close();
        ollama.stop();
    }

    @Test
    void installedModelsAppearWithoutBeingListed() {
        assertThat(client.models().list().data())
                .extracting(Model::id)
                .contains("llama3.2:latest", "all-minilm:latest");
    }

    @Test
    void answersTextWithAndWithoutStreaming() {
        ollama.stubFor(post(urlPathEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .willReturn(json(fixture("ollama/chat.json"))));
        ollama.stubFor(post(urlPathEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(fixture("ollama/text-stream.ndjson"))));
        ChatCompletionCreateParams params = params().build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletion streamed = ThroughGateway.streamed(client, params);

        assertThat(whole.choices().getFirst().message().content()).contains("The sky scatters.");
        assertThat(streamed.choices().getFirst().message().content()).contains("The sky scatters.");
        assertThat(streamed.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(298);
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2:latest")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Why is the sky blue?"))));
    }

    @Test
    void toolCallsAreTypedWithAndWithoutStreaming() {
        ollama.stubFor(post(urlPathEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .willReturn(json(fixture("ollama/tools.json"))));
        ollama.stubFor(post(urlPathEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(fixture("ollama/thinking-tools-stream.ndjson"))));
        ChatCompletionCreateParams params = params().addTool(AnthropicThroughGatewayIT.tool("get_current_weather"))
                .build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletion streamed = ThroughGateway.streamed(client, params);

        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ThroughGateway.ToolCallSeen> calls = ThroughGateway.toolCalls(whole);
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.id()).isNotBlank();
            assertThat(call.name()).isEqualTo("get_current_weather");
            assertThat(call.arguments())
                    .isEqualTo(ThroughGateway.parse("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}"));
        });
        List<ThroughGateway.ToolCallSeen> streamedCalls = ThroughGateway.toolCalls(streamed);
        assertThat(streamedCalls)
                .extracting(ThroughGateway.ToolCallSeen::arguments)
                .containsExactly(
                        ThroughGateway.parse("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}"),
                        ThroughGateway.parse("{\"location\":\"Tokyo\"}"));
        assertThat(streamedCalls)
                .extracting(ThroughGateway.ToolCallSeen::id)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(streamed.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void embedsWithFloatAndBase64ToTheSameVectors() {
        ollama.stubFor(post(urlPathEqualTo("/api/embed")).willReturn(json(fixture("ollama/embed.json"))));

        List<List<Float>> floats =
                ThroughGateway.vectors(client, "all-minilm:latest", EmbeddingCreateParams.EncodingFormat.FLOAT);
        List<List<Float>> base64 =
                ThroughGateway.vectors(client, "all-minilm:latest", EmbeddingCreateParams.EncodingFormat.BASE64);

        assertThat(floats).hasSize(2);
        assertThat(floats.getFirst()).containsExactly(0.010071029f, -0.0017594862f, 0.05007221f, 0.04692972f);
        assertThat(base64).isEqualTo(floats);
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/embed"))
                .withRequestBody(matchingJsonPath("$.input[1]", equalTo("Why is the grass green?"))));
    }

    @Test
    @Timeout(10) // a hang guard: a down local server must not keep the client for the connect timeout of the OS
    void aServerThatIsDownAnswers503ProviderUnavailable() {
        long start = System.nanoTime();
        OpenAIServiceException e = ThroughGateway.serviceError(() -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("down-model")
                        .addUserMessage("hi")
                        .build()));
        System.out.printf(
                "down local server answered %d after %d ms%n", e.statusCode(), (System.nanoTime() - start) / 1_000_000);

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.code()).contains("provider_unavailable");
    }

    private static ChatCompletionCreateParams.Builder params() {
        return ChatCompletionCreateParams.builder().model("llama3.2:latest").addUserMessage("Why is the sky blue?");
    }

    /** A loopback port nothing listens on: bound, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
