package ai.dyad.gateway.wire.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;

/**
 * The backends of the conformance kit's scenarios over a WireMock OpenAI-compatible upstream: each method
 * stubs the upstream and returns the model name to ask for. Each answer gets a model name of its own, so that concurrent scenarios never see each other's stub; JSON or SSE is chosen by the request's
 * {@code stream} flag, as a real server would.
 */
public final class OpenAiBackendScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public OpenAiBackendScenarios(WireMockServer server) {
        this.server = server;
    }

    /** A model that answers exactly {@code text}. */
    public String answering(String text) {
        String model = "answer-" + UUID.randomUUID();
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(stream(model, text))));
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .withRequestBody(matchingJsonPath("$[?(!(@.stream == true))]"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(whole(model, text))));
        return model;
    }

    /** A model the upstream fails with a 500 server_error. */
    public String failing() {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("failing")))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
        return "failing";
    }

    /** A model the upstream never answers (within any test). */
    public String hanging() {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("hanging")))
                .willReturn(aResponse().withFixedDelay(120_000).withBody("{}")));
        return "hanging";
    }

    /** One chunk per word (with its leading space), then the finish chunk and [DONE]. */
    private static String stream(String model, String text) {
        StringBuilder sse = new StringBuilder();
        String[] words = text.split("(?= )");
        for (String word : words) {
            sse.append("data: ").append(chunk(model, word, null)).append("\n\n");
        }
        sse.append("data: ").append(chunk(model, null, "stop")).append("\n\ndata: [DONE]\n\n");
        return sse.toString();
    }

    private static String chunk(String model, String content, String finish) {
        ObjectNode chunk = JSON.createObjectNode()
                .put("id", "chatcmpl-kit")
                .put("object", "chat.completion.chunk")
                .put("created", 1)
                .put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finish);
        return chunk.toString();
    }

    private static String whole(String model, String text) {
        ObjectNode answer = JSON.createObjectNode()
                .put("id", "chatcmpl-kit")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", model);
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        answer.putObject("usage")
                .put("prompt_tokens", 2)
                .put("completion_tokens", 3)
                .put("total_tokens", 5);
        return answer.toString();
    }
}
