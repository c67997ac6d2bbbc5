package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.CHAT_MODEL;
import static ai.dyad.gateway.host.conformance.ConformanceGateway.UPSTREAM_CHAT_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.CHAT_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.chunk;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.receivedOnce;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.resource;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.tree;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/chat/completions} through the official OpenAI Java SDK: every request field reaches the upstream
 * exactly as the client sent it, and the answer comes back typed, in OpenAI's shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ChatConformanceIT {

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private OpenAIClient client;
    /** The same SDK pointed straight at the upstream: records what the client itself puts on the wire. */
    private OpenAIClient direct;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of());
        client = env.gateway.openAi();
        direct = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + env.upstream.port() + "/v1")
                .apiKey("sk-direct")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @BeforeEach
    void resetUpstream() {
        env.upstream.resetAll();
    }

    @Test
    void everyRequestFieldReachesTheUpstreamAsTheClientSentIt() throws Exception {
        UpstreamAnswers.chatJson(env.upstream, resource("conformance/chat-two-choices.json"));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .body(ObjectMappers.jsonMapper()
                        .readValue(resource("conformance/chat-all-fields.json"), ChatCompletionCreateParams.Body.class))
                .build();

        direct.chat().completions().create(params);
        JsonNode sentByClient = receivedOnce(env.upstream, CHAT_PATH);
        env.upstream.resetRequests();
        ChatCompletion completion = client.chat().completions().create(params);
        JsonNode receivedUpstream = receivedOnce(env.upstream, CHAT_PATH);

        assertThat(receivedUpstream.get("model").asText()).isEqualTo(UPSTREAM_CHAT_MODEL);
        ((ObjectNode) sentByClient).put("model", UPSTREAM_CHAT_MODEL);
        assertThat(JsonDiff.of(sentByClient, receivedUpstream)).isEmpty();
        assertThat(sentByClient.size()).as("the fixture exercises every field").isGreaterThanOrEqualTo(25);

        // The answer, typed by the SDK: both choices, logprobs, usage with details, the model as asked.
        assertThat(completion.id()).matches("chatcmpl-[A-Za-z0-9]{24}");
        assertThat(completion.model()).isEqualTo(CHAT_MODEL);
        assertThat(completion.systemFingerprint())
                .hasValueSatisfying(fp -> assertThat(fp).startsWith("fp_"));
        assertThat(completion.choices()).hasSize(2);
        assertThat(completion.choices().get(1).index()).isEqualTo(1);
        assertThat(completion.choices().get(1).message().content()).contains("{\"summary\":\"Rain\"}");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        List<ChatCompletionTokenLogprob> logprobs = completion
                .choices()
                .getFirst()
                .logprobs()
                .orElseThrow()
                .content()
                .orElseThrow();
        assertThat(logprobs.getFirst().token()).isEqualTo("{\"");
        assertThat(logprobs.getFirst().bytes()).contains(List.of(123L, 34L));
        assertThat(logprobs.getFirst().topLogprobs()).hasSize(2);
        assertThat(logprobs.getFirst().topLogprobs().get(1).logprob()).isEqualTo(-9.25);
        var usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(120);
        assertThat(usage.totalTokens()).isEqualTo(134);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(64L);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains(3L);
    }

    @Test
    void aStreamingRequestReachesTheUpstreamAsTheClientSentIt() throws Exception {
        UpstreamAnswers.chatStream(
                env.upstream,
                Sse.of(List.of(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        chunk("{\"content\":\"ok\"}", null),
                        chunk("{}", "stop"),
                        usageChunk(9, 1))));
        ObjectNode body = (ObjectNode) tree(resource("conformance/chat-all-fields.json"));
        body.remove("n");
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .body(ObjectMappers.jsonMapper().treeToValue(body, ChatCompletionCreateParams.Body.class))
                .build();

        try (StreamResponse<ChatCompletionChunk> stream =
                direct.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {});
        }
        JsonNode sentByClient = receivedOnce(env.upstream, CHAT_PATH);
        env.upstream.resetRequests();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream()
                    .forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        JsonNode receivedUpstream = receivedOnce(env.upstream, CHAT_PATH);

        ((ObjectNode) sentByClient).put("model", UPSTREAM_CHAT_MODEL);
        assertThat(JsonDiff.of(sentByClient, receivedUpstream)).isEmpty();
        assertThat(text).hasToString("ok");
    }

    @Test
    void maxTokensReachesTheUpstreamAsTheCompletionLimit() throws Exception {
        UpstreamAnswers.chatJson(env.upstream, resource("conformance/chat-two-choices.json"));
        client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(CHAT_MODEL)
                        .addUserMessage("hi")
                        .maxTokens(77)
                        .stop("END")
                        .build());

        JsonNode upstream = receivedOnce(env.upstream, CHAT_PATH);
        // Older clients send max_tokens; backends get today's max_completion_tokens, stop as a list.
        assertThat(upstream.get("max_completion_tokens").asInt()).isEqualTo(77);
        assertThat(upstream.has("max_tokens")).isFalse();
        assertThat(upstream.get("stop")).isEqualTo(tree("[\"END\"]"));
    }

    @Test
    void legacyFunctionsAreAnsweredInTheLegacyShape() throws Exception {
        UpstreamAnswers.chatJson(env.upstream, """
                {"id":"chatcmpl-u","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                 "logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":6,
                 "total_tokens":11}}
                """);
        RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());

        HttpResponse<String> response = http.post("/v1/chat/completions", """
                {"model":"gpt-4.1","messages":[{"role":"user","content":"weather?"},
                  {"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":"{}"}},
                  {"role":"function","name":"get_weather","content":"{\\"temp\\":4}"}],
                 "functions":[{"name":"get_weather","parameters":{"type":"object"}}],
                 "function_call":{"name":"get_weather"}}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode choice = tree(response.body()).get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isEqualTo("function_call");
        assertThat(choice.get("message").has("tool_calls")).isFalse();
        assertThat(choice.get("message").get("function_call"))
                .isEqualTo(tree("{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}"));
        JsonNode upstream = receivedOnce(env.upstream, CHAT_PATH);
        // Backends get one form: today's tools and tool_choice.
        assertThat(upstream.get("tools").get(0).get("function").get("name").asText())
                .isEqualTo("get_weather");
        assertThat(upstream.get("tool_choice"))
                .isEqualTo(tree("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        assertThat(upstream.get("messages").get(2).get("role").asText()).isEqualTo("function");
    }

    @Test
    void streamsCarryOpenAiHeadersAndFraming() throws Exception {
        UpstreamAnswers.chatStream(
                env.upstream,
                Sse.of(List.of(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        chunk("{\"content\":\"Hi\"}", null),
                        chunk("{}", "stop"))));
        RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());

        HttpResponse<String> response = http.send(http.request("/v1/chat/completions")
                .header("content-type", "application/json")
                .header("x-request-id", "client-chosen-id-1")
                .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("cache-control")).contains("no-cache");
        assertThat(response.headers().firstValue("x-accel-buffering")).contains("no");
        assertThat(response.headers().firstValue("x-request-id")).contains("client-chosen-id-1");
        List<String> events = Sse.events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode first = tree(events.getFirst());
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("choices").get(0).get("delta").get("role").asText())
                .isEqualTo("assistant");
        JsonNode finish = tree(events.get(events.size() - 3));
        assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.has("usage")).isFalse();
        // Without include_usage the usage still comes (the Vercel AI SDK reads it from any chunk), in a last
        // chunk whose one choice is a no-op for clients reading choices[0].
        JsonNode trailing = tree(events.get(events.size() - 2));
        assertThat(trailing.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(trailing.get("choices"))
                .isEqualTo(tree("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":null}]"));
    }

    @Test
    void everyAnswerCarriesARequestId() throws Exception {
        UpstreamAnswers.chatJson(env.upstream, resource("conformance/chat-two-choices.json"));
        RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());

        List<HttpResponse<String>> responses = List.of(
                http.post(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
                http.post("/v1/chat/completions", "{\"model\":\"gpt-4.1\"}"),
                http.get("/v1/models"),
                http.post("/v1/embeddings", "{}"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 400, 200, 400);
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.headers().firstValue("x-request-id"))
                        .hasValueSatisfying(id -> assertThat(id).isNotBlank()));
    }
}
