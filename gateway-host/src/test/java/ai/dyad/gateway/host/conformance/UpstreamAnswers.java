package ai.dyad.gateway.host.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the WireMock "OpenAI" answers, and what it was asked. */
final class UpstreamAnswers {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT_PATH = "/v1/chat/completions";
    static final String EMBEDDINGS_PATH = "/v1/embeddings";

    private UpstreamAnswers() {}

    /** Answers non-streaming chat calls with {@code json}. */
    static void chatJson(WireMockServer upstream, String json) {
        upstream.stubFor(post(urlEqualTo(CHAT_PATH)).atPriority(5).willReturn(okJson(json)));
    }

    /** Answers streaming chat calls ({@code "stream": true}) with {@code sse}. */
    static void chatStream(WireMockServer upstream, String sse) {
        upstream.stubFor(post(urlEqualTo(CHAT_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("content-type", "text/event-stream")
                        .withBody(sse)));
    }

    static void embeddings(WireMockServer upstream, String json) {
        upstream.stubFor(post(urlEqualTo(EMBEDDINGS_PATH)).willReturn(okJson(json)));
    }

    /** The bodies the upstream received on {@code path}, oldest first. */
    static List<JsonNode> received(WireMockServer upstream, String path) {
        return upstream.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(UpstreamAnswers::tree)
                .toList();
    }

    /** The only body the upstream received on {@code path}. */
    static JsonNode receivedOnce(WireMockServer upstream, String path) {
        List<JsonNode> bodies = received(upstream, path);
        if (bodies.size() != 1) {
            throw new AssertionError("expected one upstream call on " + path + " but saw " + bodies.size());
        }
        return bodies.getFirst();
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as text. */
    static String resource(String path) {
        try (InputStream in = UpstreamAnswers.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunk of an upstream chat stream, in OpenAI's shape. */
    static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-upstream\",\"object\":\"chat.completion.chunk\",\"created\":1741570283,"
                + "\"model\":\"gpt-4.1-2025-04-14\",\"system_fingerprint\":\"fp_upstream\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    /** The final usage chunk of an upstream stream with {@code include_usage}. */
    static String usageChunk(int prompt, int completion) {
        return "{\"id\":\"chatcmpl-upstream\",\"object\":\"chat.completion.chunk\",\"created\":1741570283,"
                + "\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }
}
