package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.UPSTREAM_CHAT_MODEL;
import static ai.dyad.gateway.host.conformance.ConformanceGateway.UPSTREAM_EMBEDDING_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.CHAT_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.EMBEDDINGS_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.receivedOnce;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.resource;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenAI's own samples (see {@code src/test/resources/golden/README.md}) replayed through the gateway: the
 * upstream answers with the sample response and the gateway's answer must match it field by field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class GoldenFilesIT {

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private RawHttp http;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of());
        http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @BeforeEach
    void resetUpstream() {
        env.upstream.resetAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic", "image-input", "functions", "logprobs"})
    void chatCompletionsMatchTheSample(String sample) throws Exception {
        String dir = "golden/chat/" + sample + "/";
        JsonNode request = tree(resource(dir + "request.json"));
        UpstreamAnswers.chatJson(env.upstream, resource(dir + "response.json"));

        HttpResponse<String> response = http.post("/v1/chat/completions", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(JsonDiff.of(tree(resource(dir + "response.json")), tree(response.body()), variable(request)))
                .isEmpty();
        assertUpstreamGot(request, CHAT_PATH, UPSTREAM_CHAT_MODEL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"streaming", "streaming-include-usage", "functions-streaming"})
    void chatStreamsMatchTheSample(String sample) throws Exception {
        String dir = "golden/chat/" + sample + "/";
        JsonNode request = tree(resource(dir + "request.json"));
        String sampleStream = resource(dir + "response.sse");
        UpstreamAnswers.chatStream(env.upstream, sampleStream);

        HttpResponse<String> response = http.post("/v1/chat/completions", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> expected = Sse.events(sampleStream);
        List<String> actual = new ArrayList<>(Sse.events(response.body()));
        if (!request.path("stream_options").path("include_usage").asBoolean()) {
            // The one documented addition: usage for clients that read it without asking.
            JsonNode trailing = tree(actual.remove(actual.size() - 2));
            assertThat(trailing.get("choices"))
                    .isEqualTo(tree("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":null}]"));
            assertThat(trailing.get("usage").get("total_tokens").asInt()).isPositive();
        }
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual.getLast()).isEqualTo("[DONE]");
        for (int i = 0; i < expected.size() - 1; i++) {
            assertThat(JsonDiff.of(tree(expected.get(i)), tree(actual.get(i)), variable(request)))
                    .as("chunk %d", i)
                    .isEmpty();
        }
        JsonNode first = tree(actual.getFirst());
        assertThat(actual.subList(0, actual.size() - 1))
                .as("every chunk of one completion shares id and created")
                .allSatisfy(chunk -> {
                    assertThat(tree(chunk).get("id")).isEqualTo(first.get("id"));
                    assertThat(tree(chunk).get("created")).isEqualTo(first.get("created"));
                });
        assertUpstreamGot(request, CHAT_PATH, UPSTREAM_CHAT_MODEL);
    }

    @Test
    void embeddingsMatchTheSample() throws Exception {
        JsonNode request = tree(resource("golden/embeddings/float/request.json"));
        UpstreamAnswers.embeddings(env.upstream, resource("golden/embeddings/float/response.json"));

        HttpResponse<String> response = http.post("/v1/embeddings", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonDiff.of(tree(resource("golden/embeddings/float/response.json")), tree(response.body())))
                .isEmpty();
        assertUpstreamGot(request, EMBEDDINGS_PATH, UPSTREAM_EMBEDDING_MODEL);
    }

    @Test
    void modelsMatchTheSample() throws Exception {
        JsonNode sampleList = tree(resource("golden/models/list/response.json"));
        JsonNode list = tree(http.get("/v1/models").body());

        assertThat(list.get("object")).isEqualTo(sampleList.get("object"));
        assertThat(list.size()).isEqualTo(sampleList.size());
        assertThat(list.get("data")).isNotEmpty();
        Map<String, BiPredicate<JsonNode, JsonNode>> served =
                Map.of("$.id", sameType(), "$.created", sameType(), "$.owned_by", sameType());
        for (JsonNode model : list.get("data")) {
            assertThat(JsonDiff.of(sampleList.get("data").get(0), model, served))
                    .as(model.toString())
                    .isEmpty();
        }
        JsonNode sampleModel = tree(resource("golden/models/retrieve/response.json"));
        JsonNode model = tree(http.get("/v1/models/gpt-4.1").body());
        assertThat(JsonDiff.of(sampleModel, model, Map.of("$.created", sameType())))
                .isEmpty();
    }

    /** The upstream got the sample request, with the documented differences only (see the README). */
    private void assertUpstreamGot(JsonNode request, String path, String upstreamModel) {
        ObjectNode expected = request.deepCopy();
        expected.put("model", upstreamModel);
        if (expected.has("max_tokens")) {
            expected.set("max_completion_tokens", expected.remove("max_tokens"));
        }
        if (expected.path("stream").asBoolean()) {
            expected.putObject("stream_options").put("include_usage", true);
        }
        assertThat(JsonDiff.of(expected, receivedOnce(env.upstream, path))).isEmpty();
    }

    /** Fields the gateway makes itself: checked for shape; the model must be the one the client named. */
    private static Map<String, BiPredicate<JsonNode, JsonNode>> variable(JsonNode request) {
        return Map.of(
                "$.id",
                        (expected, actual) ->
                                actual.isTextual() && actual.asText().matches("chatcmpl-[A-Za-z0-9]{24}"),
                "$.created", (expected, actual) -> actual.isIntegralNumber() && actual.asLong() > 1_600_000_000L,
                "$.system_fingerprint",
                        (expected, actual) ->
                                actual.isTextual() && actual.asText().startsWith("fp_"),
                "$.model", (expected, actual) -> actual.equals(request.get("model")));
    }

    private static BiPredicate<JsonNode, JsonNode> sameType() {
        return (expected, actual) -> expected.getNodeType() == actual.getNodeType();
    }
}
