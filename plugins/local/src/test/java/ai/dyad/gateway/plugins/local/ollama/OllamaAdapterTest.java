package ai.dyad.gateway.plugins.local.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.plugins.local.LocalFactory;
import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import ai.dyad.gateway.wire.testing.StallingServer;
import ai.dyad.gateway.wire.testing.TestCalls;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code local} with {@code flavor: ollama}, created through its factory, against a WireMock Ollama. */
class OllamaAdapterTest {

    @RegisterExtension
    static final WireMockExtension ollama = WireMockExtension.newInstance()
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
        return adapter(ollama.baseUrl(), overrides);
    }

    private ModelAdapter adapter(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("flavor", "ollama", "baseUrl", baseUrl));
        config.putAll(overrides);
        adapter = TestCalls.create(new LocalFactory(), config);
        return adapter;
    }

    private static void answerChat(ResponseDefinitionBuilder response) {
        ollama.stubFor(post(urlPathEqualTo("/api/chat")).willReturn(response));
    }

    private static ResponseDefinitionBuilder fixture(String name) {
        return aResponse()
                .withHeader("Content-Type", name.endsWith(".ndjson") ? "application/x-ndjson" : "application/json")
                .withBody(Fixtures.resource("fixtures/ollama/responses/" + name));
    }

    private RecordingSink chat(ChatRequest request) {
        return new RecordingSink().drive(sink -> adapter.chat(request, TestCalls.call(), sink));
    }

    private static final ChatRequest STREAM = ChatRequests.parse(
            "{\"model\":\"llama3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]}");
    private static final ChatRequest WHOLE =
            ChatRequests.parse("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

    @Test
    void streamsNdjsonWithTheProvidersOptions() {
        answerChat(fixture("text-stream.ndjson"));
        adapter(Map.of("keepAlive", "10m", "numCtx", 8192, "gpuLayers", 33));
        RecordingSink sink = chat(STREAM);
        assertThat(sink.text()).isEqualTo("The sky scatters.");
        assertThat(sink.finishReason()).contains(FinishReason.STOP);
        assertThat(sink.usage()).contains(Usage.of(26, 282));
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/chat")).withRequestBody(equalToJson("""
                        {"model":"llama3.2","stream":true,"keep_alive":"10m","options":{"num_ctx":8192,"num_gpu":33},
                         "messages":[{"role":"user","content":"Why is the sky blue?"}]}""")));
    }

    @Test
    void answersAWholeResponseWhenTheClientDoesNotStream() {
        answerChat(fixture("length.json"));
        adapter(Map.of());
        RecordingSink sink = chat(WHOLE);
        assertThat(sink.text()).isEqualTo("Hello! How are");
        assertThat(sink.finishReason()).contains(FinishReason.LENGTH);
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/chat"))
                .withRequestBody(equalToJson("{\"stream\":false}", false, true)));
    }

    @Test
    void streamsThinkingAndToolCallsWithFreshIds() {
        answerChat(fixture("thinking-tools-stream.ndjson"));
        adapter(Map.of());
        RecordingSink sink = chat(ChatRequests.parse("""
                {"model":"qwen3:8b","stream":true,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Weather in this city and Tokyo?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}],
                 "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}]}"""));
        assertThat(sink.reasoning()).isEqualTo("The user wants the weather in two cities.");
        List<ToolCall> calls = sink.toolCalls();
        assertThat(calls).extracting(ToolCall::name).containsExactly("get_current_weather", "get_current_weather");
        assertThat(calls)
                .extracting(ToolCall::arguments)
                .containsExactly("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}", "{\"location\":\"Tokyo\"}");
        assertThat(calls).allSatisfy(call -> assertThat(call.id()).matches("call_[A-Za-z0-9]{24}"));
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/chat")).withRequestBody(equalToJson("""
                        {"messages":[{"role":"user","content":"Weather in this city and Tokyo?","images":["/9j/4AAQ"]}],
                         "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}]}""", false, true)));
    }

    @Test
    void returnsToolCallsOfAWholeResponse() {
        answerChat(fixture("tools.json"));
        adapter(Map.of());
        RecordingSink sink = chat(WHOLE);
        assertThat(sink.toolCalls()).singleElement().satisfies(call -> assertThat(call.name())
                .isEqualTo("get_current_weather"));
        assertThat(sink.finishReason()).contains(FinishReason.TOOL_CALLS);
    }

    @Test
    void reportsAMissingModelAsABadRequestWithOllamasMessage() {
        answerChat(aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"model 'llama9' not found, try pulling it first\"}"));
        adapter(Map.of());
        AdapterException e = failure(chat(STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("model 'llama9' not found, try pulling it first");
    }

    @Test
    void reportsServerErrorsAndOverloadByStatus() {
        answerChat(aResponse().withStatus(500).withBody("{\"error\":\"llama runner process has terminated\"}"));
        adapter(Map.of());
        assertThat(failure(chat(STREAM)).kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        answerChat(aResponse().withStatus(503).withHeader("retry-after", "2").withBody("{\"error\":\"server busy\"}"));
        AdapterException busy = failure(chat(STREAM));
        assertThat(busy.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void failsOnAnErrorLineInsideTheStream() {
        answerChat(fixture("error-stream.ndjson"));
        adapter(Map.of());
        RecordingSink sink = chat(STREAM);
        assertThat(sink.text()).isEqualTo("Hal");
        assertThat(failure(sink).getMessage()).contains("unexpected EOF");
    }

    @Test
    void timesOutWhenTheModelStaysSilent() {
        answerChat(fixture("text-stream.ndjson").withFixedDelay(5_000));
        adapter(Map.of("timeoutMs", 300));
        assertThat(failure(chat(STREAM)).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void aServerThatIsNotRunningGivesAClearUnavailableError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        adapter("http://127.0.0.1:" + port, Map.of());
        AdapterException e = failure(chat(STREAM));
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.code()).contains("provider_unavailable");
        assertThat(e.getMessage()).isEqualTo("cannot reach http://127.0.0.1:" + port + ": connection refused");
        assertThat(adapter.health().status()).isEqualTo(Health.Status.UNHEALTHY);
    }

    @Test
    void aServerThatAcceptsNoConnectionsFailsAfterTheConnectTimeoutNotTheReadTimeout() throws Exception {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so a connect hangs
        // the way it does towards a machine that is off. Only the loopback interface is used.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                        fillers.add(filler);
                    } catch (java.io.IOException queueFull) {
                        filler.close();
                        break;
                    }
                }
                adapter("http://127.0.0.1:" + full.getLocalPort(), Map.of("timeoutMs", 120_000));
                AdapterException e = failure(chat(STREAM));
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.code()).contains("provider_unavailable");
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamRequest() throws Exception {
        String first =
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}\n";
        try (StallingServer stalling = new StallingServer("application/x-ndjson", first)) {
            adapter(stalling.url(""), Map.of());
            RecordingSink sink = new RecordingSink();
            Thread call = TestCalls.chatInBackground(adapter, STREAM, sink);
            TestCalls.awaitChunks(sink, 1);
            sink.cancel();
            call.join(Duration.ofSeconds(20));
            assertThat(call.isAlive()).isFalse();
            assertThat(stalling.awaitClientGone(20)).isTrue();
            assertThat(sink.text()).isEqualTo("The");
            assertThat(sink.ended()).isFalse();
        }
    }

    @Test
    void embedsThroughApiEmbed() {
        ollama.stubFor(post(urlPathEqualTo("/api/embed"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"model":"all-minilm","embeddings":[[0.010071029,-0.0017594862],[0.5,0.25]],
                                 "total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""")));
        adapter(Map.of("keepAlive", "5m"));
        EmbeddingResult result = adapter.embed(
                new EmbeddingRequest(
                        "all-minilm",
                        List.of(new EmbeddingInput.Text("a"), new EmbeddingInput.Text("b")),
                        2,
                        null,
                        null),
                TestCalls.call());
        assertThat(result.vectors()).hasSize(2);
        assertThat(result.vectors().get(0)).containsExactly(0.010071029f, -0.0017594862f);
        assertThat(result.usage()).isEqualTo(Usage.of(8, 0));
        ollama.verify(postRequestedFor(urlPathEqualTo("/api/embed"))
                .withRequestBody(equalToJson(
                        "{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"],\"dimensions\":2,\"keep_alive\":\"5m\"}")));
    }

    @Test
    void refusesTokenArraysForEmbeddings() {
        adapter(Map.of());
        assertThatThrownBy(() -> adapter.embed(
                        new EmbeddingRequest("m", List.of(new EmbeddingInput.Tokens(List.of(1))), null, null, null),
                        TestCalls.call()))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void discoversInstalledModelsAndProbesHealthThroughTags() {
        ollama.stubFor(get(urlPathEqualTo("/api/tags"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"models":[
                                  {"name":"deepseek-r1:latest","model":"deepseek-r1:latest","modified_at":"2025-05-10T08:06:48.639712648-07:00",
                                   "size":4683075271,"digest":"0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163",
                                   "details":{"parent_model":"","format":"gguf","family":"qwen2","families":["qwen2"],
                                   "parameter_size":"7.6B","quantization_level":"Q4_K_M"}},
                                  {"name":"nomic-embed-text:latest","model":"nomic-embed-text:latest",
                                   "details":{"format":"gguf","family":"nomic-bert","families":["nomic-bert"]}}]}""")));
        adapter(Map.of());
        assertThat(adapter.models())
                .containsExactly(
                        new ModelInfo("deepseek-r1:latest", null, true, false, false, false),
                        new ModelInfo("nomic-embed-text:latest", null, false, false, false, true));
        assertThat(adapter.health().status()).isEqualTo(Health.Status.HEALTHY);
    }

    @Test
    void offersNoModelsWhenDiscoveryIsOff() {
        adapter(Map.of("discoverModels", false));
        assertThat(adapter.models()).isEmpty();
    }

    private static AdapterException failure(RecordingSink sink) {
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.error()).as("the call failed").isPresent();
        return sink.error().orElseThrow();
    }
}
