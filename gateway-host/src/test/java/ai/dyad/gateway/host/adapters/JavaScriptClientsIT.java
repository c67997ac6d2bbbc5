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
import static org.assertj.core.api.Assertions.within;

import ai.dyad.gateway.host.testing.NodeClient;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's JavaScript clients against a running gateway: an http-sdk provider in front of a WireMock vendor
 * answering with OpenAI's documented responses. Two Node scripts in {@code src/test/node/node-clients} make the
 * calls and print what each library made of the answers:
 *
 * <ul>
 *   <li>{@code ai-sdk.mjs}: the Vercel AI SDK with its OpenAI-compatible provider, the Dyad app's own client
 *       (text, streams, multi-step tool calls, images, embeddings, errors);
 *   <li>{@code openai-sdk.mjs}: OpenAI's official Node SDK, with its stream helper (which rejects malformed
 *       chunks), base64 embeddings it decodes itself, model listing and its typed errors.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(400)
class JavaScriptClientsIT {

    private static final String STREAMED_TEXT = "Hello there! 👋";

    @TempDir
    static Path home;

    private final WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort());
    private TestGateway gateway;
    private JsonNode seen;
    private JsonNode openAiSeen;

    @BeforeAll
    void runTheClient() throws Exception {
        vendor.start();
        // Most specific first: a request carrying tool results gets the final text, one offering tools gets the
        // calls, any other the text.
        stubChat(1, matchingJsonPath("$.messages[?(@.role == 'tool')]"), "openai/text.json", "openai/text-stream.sse");
        stubChat(2, matchingJsonPath("$.tools"), "openai/tools.json", "openai/tools-stream.sse");
        stubChat(3, matchingJsonPath("$.messages"), "openai/text.json", "openai/text-stream.sse");
        vendor.stubFor(post(urlPathEqualTo("/v1/embeddings")).willReturn(json(fixture("openai/embeddings.json"))));
        gateway = TestGateway.start(home);
        ThroughGateway.createProvider(
                gateway,
                "vendor",
                "http-sdk",
                Map.of("vendor", "openai", "baseUrl", vendor.baseUrl() + "/v1", "apiKey", "sk-vendor"),
                null,
                "vendor",
                "embedder");
        NodeClient clients = NodeClient.install("node-clients");
        seen = clients.runScript("ai-sdk.mjs", gateway.baseUrl() + "/v1", gateway.adminKey());
        openAiSeen = clients.runScript("openai-sdk.mjs", gateway.baseUrl() + "/v1", gateway.adminKey());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        vendor.stop();
    }

    @Test
    void generatesTextWithTheVendorsUsage() {
        JsonNode generate = seen.path("generate");
        assertThat(generate.path("text").asText()).isEqualTo("Hello! How can I assist you today?");
        assertThat(generate.path("finishReason").asText()).isEqualTo("stop");
        assertThat(generate.path("usage").path("inputTokens").asInt()).isEqualTo(19);
        assertThat(generate.path("usage").path("outputTokens").asInt()).isEqualTo(10);
    }

    @Test
    void streamsTextDeltaByDeltaWithUsage() {
        JsonNode stream = seen.path("stream");
        assertStreamedDeltaByDelta(stream.path("deltas"));
        assertThat(stream.path("finishReason").asText()).isEqualTo("stop");
        assertThat(stream.path("usage").path("outputTokens").asInt()).isEqualTo(4);
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
    }

    @Test
    void runsToolsOverTwoStepsAndSendsTheResultsBack() {
        JsonNode tools = seen.path("tools");
        assertThat(tools.path("calls").toString())
                .isEqualTo("[{\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
                        + "{\"name\":\"get_time\",\"input\":{\"tz\":\"CET\"}}]");
        assertThat(tools.path("steps").asInt()).isEqualTo(2);
        assertThat(tools.path("text").asText()).isEqualTo("Hello! How can I assist you today?");
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath(
                        "$.messages[?(@.tool_call_id == 'call_DdmO9pD3xa9XTPNJ32zg2hcA')].content",
                        equalTo("sunny in Paris")))
                .withRequestBody(
                        matchingJsonPath("$.messages[?(@.tool_call_id == 'call_ABC')].content", equalTo("noon CET"))));
    }

    @Test
    void streamsToolCallsAsInputDeltasThenTheAnswer() {
        JsonNode toolStream = seen.path("toolStream");
        List<String> parts = texts(toolStream.path("partTypes"));
        assertThat(parts)
                .containsSubsequence("tool-input-start", "tool-input-delta", "tool-call", "tool-result")
                .containsSubsequence("tool-result", "text-delta", "finish");
        assertThat(toolStream.path("text").asText()).startsWith(STREAMED_TEXT);
    }

    @Test
    void passesAnImagePartOnAsADataUrl() {
        assertThat(seen.path("image").path("text").asText()).isEqualTo("Hello! How can I assist you today?");
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].content[1].type", equalTo("image_url")))
                .withRequestBody(matchingJsonPath(
                        "$.messages[0].content[1].image_url.url", equalTo("data:image/png;base64,iVBORw0KGgo="))));
    }

    @Test
    void embedsABatch() {
        JsonNode embeddings = seen.path("embeddings");
        // The fixture's -1.0 comes back as -1: JavaScript prints whole numbers without a fraction.
        assertThat(embeddings.path("vectors").toString())
                .isEqualTo("[[0.0023064255,-0.009327292,0.015797347,-0.0077780345],[-0.012345678,0.5,0.25,-1]]");
        assertThat(embeddings.path("usage").path("tokens").asInt()).isEqualTo(8);
    }

    @Test
    void aBadKeyIsTheSdksApiCallErrorWith401() {
        JsonNode badKey = seen.path("badKey");
        assertThat(badKey.path("status").asInt()).as(badKey.toString()).isEqualTo(401);
        assertThat(badKey.path("body").path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(badKey.path("body").path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownModelIs404InJsonAndAnErrorPartInAStream() {
        JsonNode unknown = seen.path("unknownModel");
        assertThat(unknown.path("status").asInt()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.path("body").path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(unknown.path("body").path("error").path("param").asText()).isEqualTo("model");
        JsonNode streamError = seen.path("streamError");
        assertThat(streamError).hasSize(1);
        assertThat(streamError.get(0).path("status").asInt()).isEqualTo(404);
        assertThat(streamError.get(0).path("message").asText()).contains("no-such-model");
    }

    @Test
    void openAiSdkCreatesWithUsageAndTheRequestId() {
        JsonNode create = openAiSeen.path("create");
        assertThat(create.path("content").asText()).isEqualTo("Hello! How can I assist you today?");
        assertThat(create.path("finishReason").asText()).isEqualTo("stop");
        assertThat(create.path("usage").path("total_tokens").asInt()).isEqualTo(29);
        assertThat(create.path("requestId").asText()).startsWith("req_");
    }

    @Test
    void openAiSdkStreamsDeltasAndTheUsageChunk() {
        JsonNode stream = openAiSeen.path("stream");
        assertStreamedDeltaByDelta(stream.path("deltas"));
        assertThat(stream.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void openAiSdksStreamHelperAccumulatesTheToolCalls() {
        JsonNode helper = openAiSeen.path("streamHelper");
        assertThat(helper.path("finishReason").asText()).isEqualTo("tool_calls");
        assertThat(helper.path("toolCalls").toString())
                .isEqualTo("[{\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"name\":\"get_weather\","
                        + "\"arguments\":{\"city\":\"Paris\"}},"
                        + "{\"id\":\"call_ABC\",\"name\":\"get_time\",\"arguments\":{\"tz\":\"CET\"}}]");
    }

    @Test
    void openAiSdkDecodesTheBase64EmbeddingsItAskedFor() {
        JsonNode vectors = openAiSeen.path("embeddings").path("vectors");
        double[][] expected = {{0.0023064255, -0.009327292, 0.015797347, -0.0077780345}, {-0.012345678, 0.5, 0.25, -1.0}
        };
        assertThat(vectors).hasSize(2);
        for (int i = 0; i < expected.length; i++) {
            assertThat(vectors.get(i)).hasSize(4);
            for (int j = 0; j < expected[i].length; j++) {
                // base64 carries float32, so the decoded value is the fixture's rounded to single precision.
                assertThat(vectors.get(i).get(j).asDouble()).isCloseTo(expected[i][j], within(1e-7));
            }
        }
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.input[1]", equalTo("bb"))));
    }

    @Test
    void openAiSdkListsAndRetrievesModels() {
        JsonNode models = openAiSeen.path("models");
        List<String> listed = texts(models.path("listed"));
        assertThat(listed).contains("vendor", "embedder");
        assertThat(models.path("retrieved").asText()).isEqualTo("vendor");
    }

    @Test
    void openAiSdkRaisesItsTypedErrors() {
        assertThat(openAiSeen.path("badKey").toString())
                .contains("\"class\":\"AuthenticationError\"", "\"status\":401", "\"code\":\"invalid_api_key\"");
        JsonNode unknown = openAiSeen.path("unknownModel");
        assertThat(unknown.path("class").asText()).as(unknown.toString()).isEqualTo("NotFoundError");
        assertThat(unknown.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(unknown.path("code").asText()).isEqualTo("model_not_found");
        assertThat(unknown.path("param").asText()).isEqualTo("model");
        JsonNode empty = openAiSeen.path("emptyMessages");
        assertThat(empty.path("class").asText()).as(empty.toString()).isEqualTo("BadRequestError");
        assertThat(empty.path("param").asText()).isEqualTo("messages");
    }

    /** The streamed fixture's text arrived in more than one delta. */
    private static void assertStreamedDeltaByDelta(JsonNode deltas) {
        List<String> texts = texts(deltas);
        assertThat(String.join("", texts)).startsWith(STREAMED_TEXT);
        assertThat(texts).hasSizeGreaterThan(1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private void stubChat(int priority, StringValuePattern body, String jsonFixture, String sseFixture) {
        vendor.stubFor(chat(priority, body, false).willReturn(json(fixture(jsonFixture))));
        vendor.stubFor(chat(priority, body, true).willReturn(sse(fixture(sseFixture))));
    }

    private static MappingBuilder chat(int priority, StringValuePattern body, boolean stream) {
        return post(urlPathEqualTo("/v1/chat/completions"))
                .atPriority(priority)
                .withRequestBody(body)
                .withRequestBody(
                        stream
                                ? matchingJsonPath("$.stream", equalTo("true"))
                                : matchingJsonPath("$[?(!(@.stream == true))]"));
    }
}
