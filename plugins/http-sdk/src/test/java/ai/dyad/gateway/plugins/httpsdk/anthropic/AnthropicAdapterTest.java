package ai.dyad.gateway.plugins.httpsdk.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.plugins.httpsdk.HttpSdkFactory;
import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import ai.dyad.gateway.wire.testing.StallingServer;
import ai.dyad.gateway.wire.testing.TestCalls;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code http-sdk} with {@code vendor: anthropic}, created through its factory, against a WireMock Messages API. */
class AnthropicAdapterTest {

    private static final String KEY = "sk-ant-api03-test-key-000";

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ModelAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private ModelAdapter adapter(Map<String, Object> overrides) {
        return adapter(anthropic.baseUrl() + "/v1", overrides);
    }

    private ModelAdapter adapter(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("vendor", "anthropic", "baseUrl", baseUrl, "apiKey", KEY));
        config.putAll(overrides);
        adapter = TestCalls.create(new HttpSdkFactory(), config);
        return adapter;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        anthropic.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(response));
    }

    private static ResponseDefinitionBuilder fixture(String name) {
        return aResponse()
                .withHeader("Content-Type", name.endsWith(".sse") ? "text/event-stream" : "application/json")
                .withBody(Fixtures.resource("fixtures/anthropic/responses/" + name));
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                        + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}");
    }

    private RecordingSink chat(ChatRequest request) {
        return new RecordingSink().drive(sink -> adapter.chat(request, TestCalls.call(), sink));
    }

    private static ChatRequest request(String json) {
        return ChatRequests.parse(json);
    }

    private static final ChatRequest HELLO_STREAM = request(
            "{\"model\":\"claude-opus-4-1\",\"stream\":true,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"Hello\"}]}");

    @Test
    void streamsTextWithTheVendorsHeadersAndADefaultMaxTokens() {
        answer(fixture("text-stream.sse"));
        adapter(Map.of());
        RecordingSink sink = chat(HELLO_STREAM);
        assertThat(sink.text()).isEqualTo("Hello! How can I help?");
        assertThat(sink.finishReason()).contains(FinishReason.STOP);
        assertThat(sink.usage()).contains(Usage.of(25, 15));
        anthropic.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("""
                        {"model":"claude-opus-4-1","max_tokens":4096,"stream":true,"system":"Be brief.",
                         "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}""")));
    }

    @Test
    void answersAWholeMessageWithCacheTokensCountedOnce() {
        answer(fixture("text.json"));
        adapter(Map.of("defaultMaxTokens", 1000));
        RecordingSink sink = chat(
                request("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        assertThat(sink.text()).isEqualTo("Hi! My name is Claude.");
        assertThat(sink.usage()).contains(new Usage(2095 + 2051, 503, 0, 0));
        anthropic.verify(postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withRequestBody(equalToJson("{\"max_tokens\":1000}", false, true)));
    }

    @Test
    void streamsThinkingAndParallelToolCallsWithStableIndexesIdsAndNames() {
        answer(fixture("thinking-parallel-tools-stream.sse"));
        adapter(Map.of());
        RecordingSink sink = chat(request("""
                {"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Weather here?"},
                  {"type":"image_url","image_url":{"url":"data:image/webp;base64,UklGRg=="}}]}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},
                          {"type":"function","function":{"name":"get_time"}}]}"""));
        assertThat(sink.reasoning()).isEqualTo("The user wants weather and time; I can call both tools at once.");
        assertThat(sink.text()).isEqualTo("Okay, let's check.");
        assertThat(sink.toolCalls())
                .containsExactly(
                        new ToolCall(
                                "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
                                "get_weather",
                                "{\"location\": \"San Francisco, CA\"}"),
                        new ToolCall("toolu_02Xy", "get_time", "{}"),
                        new ToolCall("toolu_03Zz", "get_weather", "{\"location\": \"Paris\"}"));
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
        assertThat(sink.usage()).contains(new Usage(2572, 89, 2000, 0));
        anthropic.verify(
                postRequestedFor(urlPathEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                        {"messages":[{"role":"user","content":[{"type":"text","text":"Weather here?"},
                          {"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}}]}],
                         "tools":[{"name":"get_weather","input_schema":{"type":"object"}},
                                  {"name":"get_time","input_schema":{"type":"object","properties":{}}}]}""", false, true)));
    }

    @Test
    void returnsToolCallsOfAWholeMessage() {
        answer(fixture("thinking-tools.json"));
        adapter(Map.of());
        RecordingSink sink = chat(request(
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}"));
        assertThat(sink.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_weather");
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
    }

    @Test
    void keepsTheVendorsMessageOnABadRequest() {
        answer(error(400, "invalid_request_error", "messages: text content blocks must be non-empty"));
        adapter(Map.of());
        AdapterException e = failure(chat(HELLO_STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("messages: text content blocks must be non-empty");
    }

    @Test
    void reportsARejectedKeyAsTheProvidersProblemWithoutTheKey() {
        answer(error(401, "authentication_error", "invalid x-api-key " + KEY));
        adapter(Map.of());
        AdapterException e = failure(chat(HELLO_STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("credentials").doesNotContain(KEY);
    }

    @Test
    void passesRateLimitsOnWithRetryAfter() {
        answer(error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")
                .withHeader("retry-after", "30"));
        adapter(Map.of());
        AdapterException e = failure(chat(HELLO_STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void reportsAnOverloadedApiAsRetryableUnavailability() {
        answer(error(529, "overloaded_error", "Overloaded"));
        adapter(Map.of());
        AdapterException e = failure(chat(HELLO_STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.kind().retryable()).isTrue();
    }

    @Test
    void reportsAnApiErrorAsAnUpstreamError() {
        answer(error(500, "api_error", "Internal server error"));
        adapter(Map.of());
        assertThat(failure(chat(HELLO_STREAM)).kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
    }

    @Test
    void failsRetryablyOnAnOverloadInsideTheStream() {
        answer(fixture("overloaded-stream.sse"));
        adapter(Map.of());
        RecordingSink sink = chat(HELLO_STREAM);
        assertThat(sink.text()).isEqualTo("Partial");
        assertThat(failure(sink).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void timesOutWhenTheApiStaysSilent() {
        answer(fixture("text-stream.sse").withFixedDelay(5_000));
        adapter(Map.of("timeoutMs", 300));
        assertThat(failure(chat(HELLO_STREAM)).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void reportsARefusedConnectionAsUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        adapter("http://127.0.0.1:" + port + "/v1", Map.of());
        AdapterException e = failure(chat(HELLO_STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.code()).contains("provider_unavailable");
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamRequest() throws Exception {
        String first = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n";
        try (StallingServer stalling = new StallingServer("text/event-stream", first)) {
            adapter(stalling.url("/v1"), Map.of());
            RecordingSink sink = new RecordingSink();
            Thread call = TestCalls.chatInBackground(adapter, HELLO_STREAM, sink);
            TestCalls.awaitChunks(sink, 1);
            sink.cancel();
            call.join(Duration.ofSeconds(20));
            assertThat(call.isAlive()).isFalse();
            assertThat(stalling.awaitClientGone(20)).isTrue();
            assertThat(sink.text()).isEqualTo("Hel");
            assertThat(sink.ended()).isFalse();
        }
    }

    @Test
    void offersNoEmbeddings() {
        adapter(Map.of());
        assertThatThrownBy(() -> adapter.embed(
                        new EmbeddingRequest("m", List.of(new EmbeddingInput.Text("x")), null, null, null),
                        TestCalls.call()))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
    }

    @Test
    void discoversModelsAndProbesHealthThroughTheModelList() {
        anthropic.stubFor(get(urlPathEqualTo("/v1/models"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5",
                                 "created_at":"2025-09-29T00:00:00Z"}],"has_more":false,
                                 "first_id":"claude-sonnet-4-5-20250929","last_id":"claude-sonnet-4-5-20250929"}""")));
        adapter(Map.of("discoverModels", true));
        assertThat(adapter.models()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(m.supportsTools()).isTrue();
            assertThat(m.supportsImages()).isTrue();
        });
        assertThat(adapter.health().status()).isEqualTo(Health.Status.HEALTHY);
    }

    @Test
    void reportsAnUnhealthyApiWithItsReason() {
        anthropic.stubFor(
                get(urlPathEqualTo("/v1/models")).willReturn(error(401, "authentication_error", "invalid x-api-key")));
        adapter(Map.of());
        Health health = adapter.health();
        assertThat(health.status()).isEqualTo(Health.Status.UNHEALTHY);
        assertThat(health.detail()).contains("credentials");
    }

    private static AdapterException failure(RecordingSink sink) {
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.error()).as("the call failed").isPresent();
        return sink.error().orElseThrow();
    }
}
