package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.json;
import static ai.dyad.gateway.host.adapters.AnthropicThroughGatewayIT.sse;
import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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
 * Gateway A → proxy adapter → gateway B → http-sdk (openai) → WireMock, JSON and streaming, with the OpenAI SDK
 * calling A. A uses its own configured key for B; the client's key reaches neither B nor the vendor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProxyChainIT {

    private static final String VENDOR_KEY = "sk-vendor-chain-0123456789";

    @TempDir
    static Path homeA;

    @TempDir
    static Path homeB;

    private final WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gatewayA;
    private TestGateway gatewayB;

    @BeforeAll
    void start() {
        vendor.start();
        vendor.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(fixture("openai/text-stream.sse"))));
        vendor.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$[?(!(@.stream == true))]"))
                .willReturn(json(fixture("openai/text.json"))));
        gatewayB = TestGateway.start(homeB);
        ThroughGateway.createProvider(
                gatewayB,
                "openai",
                "http-sdk",
                Map.of("vendor", "openai", "baseUrl", vendor.baseUrl() + "/v1", "apiKey", VENDOR_KEY),
                null,
                "gpt-4o-mini");
        gatewayA = TestGateway.start(homeA);
        ThroughGateway.createProvider(
                gatewayA,
                "gateway-b",
                "proxy",
                Map.of(
                        "endpoint",
                        gatewayB.baseUrl() + "/v1",
                        "apiKey",
                        gatewayB.adminKey(),
                        "preserveHeaders",
                        List.of("x-request-id")),
                null,
                "gpt-4o-mini");
    }

    @AfterAll
    void stop() {
        gatewayA.close();
        gatewayB.close();
        vendor.stop();
    }

    @Test
    void answersThroughTwoGateways() {
        ChatCompletion answer = gatewayA.openAi().chat().completions().create(params("chain-json-1"));

        assertThat(answer.choices().getFirst().message().content()).contains("Hello! How can I assist you today?");
        assertThat(answer.usage().orElseThrow().totalTokens()).isEqualTo(29);
        vendorSawOnlyItsOwnKey();
    }

    @Test
    void streamsThroughTwoGateways() {
        ChatCompletion answer = ThroughGateway.streamed(gatewayA.openAi(), params("chain-stream-1"));

        assertThat(answer.choices().getFirst().message().content()).contains("Hello there! 👋");
        assertThat(answer.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        vendorSawOnlyItsOwnKey();
    }

    @Test
    void forwardsTheRequestIdButNeverTheClientsKey() {
        // A straight at a recording upstream, to see what the proxy adapter sends on.
        WireMockServer recorder = new WireMockServer(wireMockConfig().dynamicPort());
        recorder.start();
        try {
            recorder.stubFor(
                    post(urlPathEqualTo("/v1/chat/completions")).willReturn(json(fixture("openai/text.json"))));
            ThroughGateway.createProvider(
                    gatewayA,
                    "recorder",
                    "proxy",
                    Map.of(
                            "endpoint",
                            recorder.baseUrl() + "/v1",
                            "apiKey",
                            "sk-dyad-of-b-0123456789",
                            "preserveHeaders",
                            List.of("x-request-id", "x-client-trace", "Authorization")),
                    null,
                    "recorded-model");

            gatewayA.openAi()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("recorded-model")
                            .addUserMessage("hi")
                            .putAdditionalHeader("x-request-id", "chain-request-42")
                            .putAdditionalHeader("x-client-trace", "trace-7")
                            .putAdditionalHeader("x-not-allowlisted", "stays-here")
                            .build());

            recorder.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                    .withHeader("x-request-id", equalTo("chain-request-42"))
                    .withHeader("x-client-trace", equalTo("trace-7"))
                    .withoutHeader("x-not-allowlisted")
                    .withHeader("Authorization", equalTo("Bearer sk-dyad-of-b-0123456789")));
            assertThat(recorder.getAllServeEvents()).allSatisfy(event -> assertThat(
                            event.getRequest().getHeaders().all().toString())
                    .doesNotContain(gatewayA.adminKey()));
        } finally {
            recorder.stop();
        }
    }

    @Test
    void streamsOverH2cWhenTheUpstreamIsConfiguredForIt() {
        // WireMock's plain port takes HTTP/1.1 and h2c alike and records which one each request came as.
        WireMockServer h2cUpstream = new WireMockServer(wireMockConfig().dynamicPort());
        h2cUpstream.start();
        try {
            h2cUpstream.stubFor(
                    post(urlPathEqualTo("/v1/chat/completions")).willReturn(sse(fixture("openai/text-stream.sse"))));
            ThroughGateway.createProvider(
                    gatewayA,
                    "h2c-upstream",
                    "proxy",
                    Map.of("endpoint", h2cUpstream.baseUrl() + "/v1", "http2PriorKnowledge", true),
                    null,
                    "h2c-model");

            ChatCompletion answer = ThroughGateway.streamed(
                    gatewayA.openAi(),
                    ChatCompletionCreateParams.builder()
                            .model("h2c-model")
                            .addUserMessage("Hello!")
                            .build());

            assertThat(answer.choices().getFirst().message().content()).contains("Hello there! 👋");
            assertThat(h2cUpstream.getAllServeEvents()).singleElement().satisfies(event -> assertThat(
                            event.getRequest().getProtocol())
                    .isEqualTo("HTTP/2.0"));
        } finally {
            h2cUpstream.stop();
        }
    }

    @Test
    void refusesH2cForAnHttpsEndpoint() {
        AdminClient.Response refused = gatewayA.admin()
                .post(
                        "/providers",
                        Map.of(
                                "name",
                                "h2c-over-tls",
                                "type",
                                "proxy",
                                "config",
                                Map.of("endpoint", "https://gateway.example/v1", "http2PriorKnowledge", true),
                                "models",
                                List.of(Map.of("modelId", "h2c-tls-model"))));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.body().at("/error/code").asText()).isEqualTo("invalid_config");
        assertThat(refused.body().at("/error/message").asText()).contains("negotiates HTTP/2");
    }

    private void vendorSawOnlyItsOwnKey() {
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + VENDOR_KEY)));
        vendor.verify(
                0,
                postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                        .withHeader("Authorization", equalTo("Bearer " + gatewayA.adminKey())));
    }

    private static ChatCompletionCreateParams params(String requestId) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessage("Hello!")
                .putAdditionalHeader("x-request-id", requestId)
                .build();
    }
}
