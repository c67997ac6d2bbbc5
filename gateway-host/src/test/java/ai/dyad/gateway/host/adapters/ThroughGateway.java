package ai.dyad.gateway.host.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;

/** What the vendor end-to-end tests share: fixtures, providers made through the admin API, SDK shorthands. */
final class ThroughGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ThroughGateway() {}

    /** A vendor response fixture from {@code src/test/resources/vendors}. */
    static String fixture(String path) {
        try (InputStream in = ThroughGateway.class.getResourceAsStream("/vendors/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture vendors/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers {@code POST path} for one model, streamed or not (as told by the request's {@code stream} field),
     * with the given response.
     */
    static void stubChat(
            WireMockServer vendor, String path, String model, boolean stream, ResponseDefinitionBuilder response) {
        vendor.stubFor(WireMock.post(WireMock.urlPathEqualTo(path))
                .withRequestBody(WireMock.matchingJsonPath("$.model", WireMock.equalTo(model)))
                .withRequestBody(
                        stream
                                ? WireMock.matchingJsonPath("$.stream", WireMock.equalTo("true"))
                                : WireMock.matchingJsonPath("$[?(!(@.stream == true))]"))
                .willReturn(response));
    }

    /** A vendor error: the status and a JSON body from a fixture. */
    static ResponseDefinitionBuilder error(int status, String fixture) {
        return WireMock.aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture(fixture));
    }

    /**
     * Creates a provider through {@code POST /admin/providers}, as an operator would; {@code models} may be
     * empty for a provider that discovers its models. {@code timeoutMs} may be null.
     */
    static String createProvider(
            TestGateway gateway,
            String name,
            String type,
            Map<String, Object> config,
            Integer timeoutMs,
            String... models) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("config", config);
        body.put(
                "models",
                java.util.Arrays.stream(models).map(m -> Map.of("modelId", m)).toList());
        if (timeoutMs != null) {
            body.put("timeoutMs", timeoutMs);
        }
        AdminClient.Response created = gateway.admin().post("/providers", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** Streams a request and returns the answer accumulated from the chunks, as a client library would. */
    static ChatCompletion streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    /** The reasoning the gateway streamed as {@code delta.reasoning_content}, joined. */
    static String streamedReasoning(OpenAIClient client, ChatCompletionCreateParams params) {
        StringBuilder reasoning = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> reasoning.append(
                            text(choice.delta()._additionalProperties().get("reasoning_content"))));
        }
        return reasoning.toString();
    }

    static String reasoning(ChatCompletion completion) {
        return text(completion
                .choices()
                .getFirst()
                .message()
                ._additionalProperties()
                .get("reasoning_content"));
    }

    /** Each tool call as id, name and its arguments parsed as JSON, so that spacing does not matter. */
    static List<ToolCallSeen> toolCalls(ChatCompletion completion) {
        return completion.choices().getFirst().message().toolCalls().orElse(List.of()).stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .map(call -> new ToolCallSeen(
                        call.id(), call.function().name(), parse(call.function().arguments())))
                .toList();
    }

    /** The vectors for two inputs in the given encoding, decoded by the SDK. */
    static List<List<Float>> vectors(OpenAIClient client, String model, EmbeddingCreateParams.EncodingFormat format) {
        return client
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .inputOfArrayOfStrings(List.of("Why is the sky blue?", "Why is the grass green?"))
                        .encodingFormat(format)
                        .build())
                .data()
                .stream()
                .map(Embedding::embedding)
                .toList();
    }

    record ToolCallSeen(String id, String name, JsonNode arguments) {}

    /** The service error a call ends with; fails when it succeeds. */
    static OpenAIServiceException serviceError(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (OpenAIServiceException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected an HTTP error from the gateway, got " + e, e);
        }
        throw new AssertionError("expected an HTTP error from the gateway, but the call succeeded");
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String text(JsonValue value) {
        return value == null ? "" : String.valueOf(value.asString().orElse(""));
    }
}
