package ai.dyad.gateway.plugins.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import ai.dyad.gateway.wire.testing.StallingServer;
import ai.dyad.gateway.wire.testing.TestCalls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the proxy adds to the shared contract: its config, header forwarding, faithful relay of errors and chunks. */
class ProxyAdapterTest {

    @RegisterExtension
    static final WireMockExtension gateway = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ProxyFactory factory = new ProxyFactory();
    private ModelAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private ModelAdapter adapter(String endpoint, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("endpoint", endpoint));
        config.putAll(overrides);
        adapter = TestCalls.create(factory, config);
        return adapter;
    }

    private static final ChatRequest STREAM = ChatRequests.parse(
            "{\"model\":\"openai/gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    @Test
    void declaresItsConfig() {
        assertThat(factory.type()).isEqualTo("proxy");
        assertThat(factory.configSpec().fields())
                .extracting(ConfigField::name)
                .containsExactly(
                        "endpoint",
                        "apiKey",
                        "preserveHeaders",
                        "discoverModels",
                        "maxTokensField",
                        "includeUsage",
                        "timeoutMs",
                        "connectTimeoutMs",
                        "http2PriorKnowledge",
                        "headers");
        assertThat(factory.configSpec().secretFields()).containsExactlyInAnyOrder("apiKey", "headers");
        assertThat(factory.configSpec().fields())
                .filteredOn(ConfigField::required)
                .extracting(ConfigField::name)
                .containsExactly("endpoint");
    }

    @Test
    void worksWithoutAKeyAndForwardsTheRequestIdWhenAllowed() {
        gateway.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(Fixtures.resource("fixtures/openai/responses/text-stream.sse"))));
        adapter(
                gateway.baseUrl() + "/v1",
                Map.of(
                        "preserveHeaders", List.of("X-Request-Id", "x-portkey-trace-id"),
                        "headers", Map.of("x-portkey-provider", "openai")));
        RecordingSink sink = new RecordingSink().drive(s -> adapter.chat(STREAM, TestCalls.call(), s));
        assertThat(sink.text()).isEqualTo("Hello there! 👋");
        gateway.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", absent())
                .withHeader("x-request-id", equalTo("req-test-1"))
                .withHeader("x-portkey-provider", equalTo("openai")));
    }

    @Test
    void keepsTheUpstreamsStatusTypeAndCode() {
        gateway.stubFor(
                post(urlPathEqualTo("/v1/chat/completions"))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\","
                                                        + "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}")));
        adapter(gateway.baseUrl() + "/v1", Map.of("apiKey", "sk-gw"));
        RecordingSink sink = new RecordingSink().drive(s -> adapter.chat(STREAM, TestCalls.call(), s));
        assertThat(sink.error()).get().isInstanceOfSatisfying(UpstreamHttpException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.upstreamType()).contains("invalid_request_error");
            assertThat(e.code()).contains("model_not_found");
            assertThat(e.param()).contains("model");
            assertThat(e.getMessage()).isEqualTo("The model `gpt-9` does not exist or you do not have access to it.");
        });
    }

    @Test
    void relaysEachChunkAsItArrivesWithoutWaitingForTheRest() throws Exception {
        String first =
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"},\"finish_reason\":null}]}\n\n";
        try (StallingServer upstream = new StallingServer("text/event-stream", first)) {
            adapter(upstream.url("/v1"), Map.of());
            RecordingSink sink = new RecordingSink();
            Thread call = TestCalls.chatInBackground(adapter, STREAM, sink);
            TestCalls.awaitChunks(sink, 1);
            assertThat(sink.text()).isEqualTo("first");
            assertThat(sink.ended()).isFalse();
            sink.cancel();
            call.join(Duration.ofSeconds(20));
            assertThat(upstream.awaitClientGone(20)).isTrue();
        }
    }
}
