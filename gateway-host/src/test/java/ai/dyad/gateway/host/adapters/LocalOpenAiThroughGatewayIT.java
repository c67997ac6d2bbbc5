package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.json;
import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.sse;
import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local adapter with {@code flavor: openai} inside a running gateway: a llama.cpp llama-server (the same
 * OpenAI-style API as vLLM) on WireMock, the official OpenAI SDK as the client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LocalOpenAiThroughGatewayIT {

    private static final String MODEL = "qwen2.5-7b-instruct-q4_k_m.gguf";

    @TempDir
    static Path home;

    private final WireMockServer llama = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gateway;
    private OpenAIClient client;
    private String providerId;

    @BeforeAll
    void start() {
        llama.start();
        llama.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(json(fixture("llamacpp/models.json"))));
        llama.stubFor(get(urlPathEqualTo("/health")).willReturn(json(fixture("llamacpp/health.json"))));
        gateway = TestGateway.start(home);
        client = gateway.openAi();
        // No models listed: the provider offers what the server has loaded (/v1/models).
        providerId = ThroughGateway.createProvider(
                gateway, "llama-server", "local", Map.of("flavor", "openai", "baseUrl", llama.baseUrl() + "/v1"), null);
    }

    @AfterAll
    void stop() {
        gateway.close();
        llama.stop();
    }

    @Test
    void theLoadedModelAppearsWithoutBeingListed() {
        assertThat(client.models().list().data()).extracting(Model::id).contains(MODEL);
    }

    @Test
    void answersTextWithAndWithoutStreaming() {
        ThroughGateway.stubChat(llama, "/v1/chat/completions", MODEL, false, json(fixture("llamacpp/chat.json")));
        ThroughGateway.stubChat(llama, "/v1/chat/completions", MODEL, true, sse(fixture("llamacpp/chat-stream.sse")));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Say two words.")
                .build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletion streamed = ThroughGateway.streamed(client, params);

        assertThat(whole.choices().getFirst().message().content()).contains("Two words");
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(2);
        assertThat(streamed.choices().getFirst().message().content()).contains("Two words");
        assertThat(streamed.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        llama.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Say two words."))));
    }

    @Test
    void healthComesFromTheServersHealthEndpoint() {
        AdminClient.Response probe =
                gateway.admin().post("/providers/" + providerId + "/test", Map.of("mode", "health"));

        assertThat(probe.status()).as(probe.text()).isEqualTo(200);
        assertThat(probe.body().path("ok").asBoolean()).as(probe.text()).isTrue();
        assertThat(probe.body().path("status").asText()).as(probe.text()).isEqualTo("healthy");
        llama.verify(getRequestedFor(urlPathEqualTo("/health")));

        AdminClient.Response health = gateway.admin().get("/providers/" + providerId + "/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.body().at("/healthStatus/status").asText())
                .as(health.text())
                .isEqualTo("healthy");
    }
}
