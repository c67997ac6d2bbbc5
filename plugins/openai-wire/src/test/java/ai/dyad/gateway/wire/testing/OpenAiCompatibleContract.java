package ai.dyad.gateway.wire.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.api.testkit.RecordingSink;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every adapter over an OpenAI-compatible upstream must show, run against a WireMock upstream
 * that answers as OpenAI documents. Each plugin's test extends it and creates the adapter through its own
 * factory, so the contract is checked once per adapter type without copies of the tests.
 */
public abstract class OpenAiCompatibleContract {

    protected static final String API_KEY = "sk-test-0123456789abcdef";

    @RegisterExtension
    protected static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ModelAdapter adapter;

    /**
     * Creates the adapter under test through its factory.
     *
     * @param baseUrl the upstream's OpenAI base URL (ending in {@code /v1})
     * @param overrides config keys to set on top of the adapter type's minimal config ({@code apiKey},
     *     {@code timeoutMs}, {@code discoverModels})
     */
    protected abstract ModelAdapter create(String baseUrl, Map<String, Object> overrides);

    /** Whether the adapter type sends the API key as a bearer token (every OpenAI-compatible one does). */
    protected boolean sendsBearerKey() {
        return true;
    }

    protected final ModelAdapter adapter(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("apiKey", API_KEY));
        config.putAll(overrides);
        adapter = create(upstream.baseUrl() + "/v1", config);
        return adapter;
    }

    protected final ModelAdapter adapter() {
        return adapter(Map.of());
    }

    @AfterEach
    void closeAdapter() {
        if (adapter != null) {
            adapter.close();
        }
    }

    protected static ChatRequest request(String json) {
        return ChatRequests.parse(json);
    }

    protected static RecordingSink chat(ModelAdapter adapter, ChatRequest request) {
        return new RecordingSink().drive(sink -> adapter.chat(request, TestCalls.call(), sink));
    }

    private static void answerChat(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(response));
    }

    private static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.resource("fixtures/openai/responses/" + fixture));
    }

    private static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Test
    void streamsTextChunkByChunkWithUsage() {
        answerChat(sse("text-stream.sse"));
        RecordingSink sink = chat(
                adapter(),
                request(
                        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        assertThat(sink.error()).isEmpty();
        assertThat(sink.chunks()).hasSize(2);
        assertThat(sink.text()).isEqualTo("Hello there! 👋");
        assertThat(sink.finishReason()).contains(FinishReason.STOP);
        assertThat(sink.usage()).contains(new Usage(9, 4, 2, 0));
        assertThat(sink.violations()).isEmpty();
        var sent = postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")));
        if (sendsBearerKey()) {
            sent = sent.withHeader("Authorization", equalTo("Bearer " + API_KEY));
        }
        upstream.verify(sent);
    }

    @Test
    void answersAWholeResponseWhenTheClientDoesNotStream() {
        answerChat(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.resource("fixtures/openai/responses/text.json")));
        RecordingSink sink = chat(
                adapter(), request("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
        assertThat(sink.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(sink.finishReason()).contains(FinishReason.STOP);
        assertThat(sink.usage()).contains(Usage.of(19, 10));
        upstream.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(
                        equalToJson("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
    }

    @Test
    void passesImagesToolsAndUnknownFieldsThrough() {
        answerChat(sse("tools-stream.sse"));
        String body = """
                {"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Weather here?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}}]}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","service_tier":"priority","x_vendor_flag":{"a":[1,2]}}""";
        RecordingSink sink = chat(adapter(), request(body));
        assertThat(sink.toolCalls())
                .containsExactly(
                        new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "{\"city\": \"Paris\"}"),
                        new ToolCall("call_ABC", "get_time", "{\"tz\": \"CET\"}"));
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
        upstream.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(equalToJson("""
                        {"messages":[{"role":"user","content":[
                          {"type":"text","text":"Weather here?"},
                          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}}]}],
                         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                         "tool_choice":"auto","service_tier":"priority","x_vendor_flag":{"a":[1,2]}}""", false, true)));
    }

    @Test
    void returnsToolCallsOfAWholeResponse() {
        answerChat(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.resource("fixtures/openai/responses/tools.json")));
        RecordingSink sink = chat(
                adapter(), request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}"));
        assertThat(sink.toolCalls())
                .containsExactly(
                        new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"),
                        new ToolCall("call_def456", "get_current_time", "{}"));
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
    }

    @Test
    void embedsTextsAsFloats() {
        upstream.stubFor(post(urlPathEqualTo("/v1/embeddings"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5]}],
                                 "model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}""")));
        EmbeddingResult result = adapter()
                .embed(
                        new EmbeddingRequest(
                                "text-embedding-3-small", List.of(new EmbeddingInput.Text("hi")), null, null, null),
                        TestCalls.call());
        assertThat(result.vectors().getFirst()).containsExactly(0.25f, -0.5f);
        assertThat(result.usage()).isEqualTo(Usage.of(3, 0));
        upstream.verify(postRequestedFor(urlPathEqualTo("/v1/embeddings"))
                .withRequestBody(equalToJson(
                        "{\"model\":\"text-embedding-3-small\",\"input\":[\"hi\"],\"encoding_format\":\"float\"}")));
    }

    @Test
    void keepsTheUpstreamsMessageParamAndCodeOnABadRequest() {
        answerChat(error(400, """
                {"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error",
                 "param":"messages","code":"context_length_exceeded"}}"""));
        AdapterException e = failure(chat(adapter(), simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("This model's maximum context length is 128000 tokens.");
        assertThat(e.code()).contains("context_length_exceeded");
        assertThat(e.param()).contains("messages");
        assertThat(e).isInstanceOfSatisfying(UpstreamHttpException.class, u -> {
            assertThat(u.status()).isEqualTo(400);
            assertThat(u.upstreamType()).contains("invalid_request_error");
        });
    }

    @Test
    void reportsRejectedProviderCredentialsWithoutLeakingTheKey() {
        answerChat(error(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY
                        + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
        AdapterException e = failure(chat(adapter(), simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(e.code()).contains("provider_auth_failed");
        assertThat(e.getMessage())
                .contains("rejected this provider's credentials")
                .doesNotContain(API_KEY);
    }

    @Test
    void passesRateLimitsOnWithTheWaitAsked() {
        answerChat(error(
                        429,
                        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("retry-after", "12"));
        AdapterException e = failure(chat(adapter(), simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(e.code()).contains("rate_limit_exceeded");
    }

    @Test
    void reportsServerErrorsAsRetryable() {
        answerChat(error(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));
        AdapterException e = failure(chat(adapter(), simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(e.kind().retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 529})
    void reportsAnOverloadedUpstreamAsUnavailable(int status) {
        answerChat(error(status, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
                .withHeader("retry-after", "3"));
        AdapterException e = failure(chat(adapter(), simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void servesConcurrentCallsFromOneInstance() throws Exception {
        answerChat(sse("text-stream.sse"));
        ModelAdapter shared = adapter();
        List<Thread> threads = new java.util.ArrayList<>();
        List<RecordingSink> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofVirtual().start(() -> sinks.add(chat(shared, simpleStream()))));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        assertThat(sinks).hasSize(16).allSatisfy(sink -> {
            assertThat(sink.text()).isEqualTo("Hello there! 👋");
            assertThat(sink.usage()).contains(new Usage(9, 4, 2, 0));
            assertThat(sink.violations()).isEmpty();
        });
    }

    @Test
    void failsWhenTheUpstreamReportsAnErrorMidStream() {
        answerChat(sse("error-in-stream.sse"));
        RecordingSink sink = chat(adapter(), simpleStream());
        assertThat(sink.text()).isEqualTo("Par");
        assertThat(failure(sink).kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
    }

    @Test
    void timesOutWhenTheUpstreamStaysSilent() {
        answerChat(sse("text-stream.sse").withFixedDelay(5_000));
        AdapterException e = failure(chat(adapter(Map.of("timeoutMs", 300)), simpleStream()));
        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void timesOutWhenAStreamStallsBetweenChunks() throws Exception {
        String first = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
        try (StallingServer stalling = new StallingServer("text/event-stream", first)) {
            adapter = create(stalling.url("/v1"), new HashMap<>(Map.of("apiKey", API_KEY, "timeoutMs", 300)));
            RecordingSink sink = chat(adapter, simpleStream());
            assertThat(sink.text()).isEqualTo("Hel");
            AdapterException e = failure(sink);
            assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(e.getMessage()).contains("stalled");
            assertThat(stalling.awaitClientGone(20))
                    .as("upstream connection closed")
                    .isTrue();
        }
    }

    @Test
    void endsACallWhoseDeadlinePassesThoughTheUpstreamIsNotSilentForLong() {
        answerChat(sse("text-stream.sse").withFixedDelay(5_000));
        CallContext shortCall = new CallContext("req-deadline", Instant.now().plusMillis(300), "key-test");
        RecordingSink sink = new RecordingSink()
                .drive(s -> adapter(Map.of("timeoutMs", 60_000)).chat(simpleStream(), shortCall, s));
        assertThat(failure(sink).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void reportsARefusedConnectionAsUnavailable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, Object> config = new HashMap<>(Map.of("apiKey", API_KEY));
        adapter = create("http://127.0.0.1:" + port + "/v1", config);
        AdapterException e = failure(chat(adapter, simple()));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.code()).contains("provider_unavailable");
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("connection refused");
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamRequest() throws Exception {
        String first = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
        try (StallingServer stalling = new StallingServer("text/event-stream", first)) {
            adapter = create(stalling.url("/v1"), new HashMap<>(Map.of("apiKey", API_KEY)));
            RecordingSink sink = new RecordingSink();
            Thread call = TestCalls.chatInBackground(adapter, simpleStream(), sink);
            TestCalls.awaitChunks(sink, 1);
            sink.cancel(); // the client goes away while the adapter waits for more
            call.join(Duration.ofSeconds(20));
            assertThat(call.isAlive()).as("chat returned after cancellation").isFalse();
            assertThat(stalling.awaitClientGone(20))
                    .as("upstream connection closed")
                    .isTrue();
            assertThat(sink.text()).isEqualTo("Hel");
            assertThat(sink.ended())
                    .as("a cancelled call is not ended by the adapter")
                    .isFalse();
        }
    }

    @Test
    void discoversTheUpstreamsModelsWhenAsked() {
        upstream.stubFor(
                get(urlPathEqualTo("/v1/models"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"object\":\"list\",\"data\":[{\"id\":\"m1\",\"object\":\"model\",\"owned_by\":\"me\"}]}")));
        assertThat(adapter(Map.of("discoverModels", true)).models())
                .extracting(m -> m.id())
                .containsExactly("m1");
    }

    @Test
    void offersNoModelsOfItsOwnWhenDiscoveryIsOff() {
        assertThat(adapter(Map.of("discoverModels", false)).models()).isEmpty();
    }

    @Test
    void failsFastOnAModelListError() {
        upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(error(401, "{\"error\":{\"message\":\"no\"}}")));
        assertThatThrownBy(() -> adapter(Map.of("discoverModels", true)).models())
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
    }

    protected static ChatRequest simple() {
        return request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    protected static ChatRequest simpleStream() {
        return request("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    protected static AdapterException failure(RecordingSink sink) {
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.error()).as("the call failed").isPresent();
        return sink.error().orElseThrow();
    }
}
