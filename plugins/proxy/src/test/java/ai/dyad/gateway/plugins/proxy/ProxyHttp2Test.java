package ai.dyad.gateway.plugins.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.wire.testing.ChatRequests;
import ai.dyad.gateway.wire.testing.Fixtures;
import ai.dyad.gateway.wire.testing.TestCalls;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The proxy's {@code http2PriorKnowledge}: HTTP/2 over cleartext to an upstream gateway that accepts it. */
class ProxyHttp2Test {

    /** WireMock accepts both HTTP/1.1 and h2c on its plain port and records which one each request used. */
    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final ChatRequest STREAM = ChatRequests.parse(
            "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    private final ProxyFactory factory = new ProxyFactory();
    private ModelAdapter adapter;

    @BeforeEach
    void stream() {
        upstream.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(Fixtures.resource("fixtures/openai/responses/text-stream.sse"))
                        .withFixedDelay(200)));
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @Test
    void concurrentStreamsTravelAsHttp2WhenAsked() throws Exception {
        adapter =
                TestCalls.create(factory, Map.of("endpoint", upstream.baseUrl() + "/v1", "http2PriorKnowledge", true));
        List<RecordingSink> sinks = new ArrayList<>();
        List<Thread> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RecordingSink sink = new RecordingSink();
            sinks.add(sink);
            calls.add(TestCalls.chatInBackground(adapter, STREAM, sink));
        }
        for (Thread call : calls) {
            call.join();
        }
        assertThat(sinks).allSatisfy(sink -> assertThat(sink.text()).isEqualTo("Hello there! 👋"));
        assertThat(protocols()).hasSize(8).containsOnly("HTTP/2.0");
    }

    @Test
    void staysOnHttp11ByDefault() {
        adapter = TestCalls.create(factory, Map.of("endpoint", upstream.baseUrl() + "/v1"));
        RecordingSink sink = new RecordingSink().drive(s -> adapter.chat(STREAM, TestCalls.call(), s));
        assertThat(sink.text()).isEqualTo("Hello there! 👋");
        assertThat(protocols()).containsExactly("HTTP/1.1");
    }

    @Test
    void refusesPriorKnowledgeForAnHttpsEndpoint() {
        assertThatThrownBy(() -> TestCalls.create(
                        factory, Map.of("endpoint", "https://gateway.example/v1", "http2PriorKnowledge", true)))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.code()).contains("invalid_config");
                    assertThat(e.getMessage()).contains("http://", "negotiates HTTP/2");
                });
    }

    private static List<String> protocols() {
        return upstream.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(LoggedRequest::getProtocol)
                .toList();
    }
}
