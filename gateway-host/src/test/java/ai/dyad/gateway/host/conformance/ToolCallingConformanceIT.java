package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.CHAT_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.CHAT_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.chunk;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.received;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Tool calling and streaming through the official OpenAI Java SDK: parallel tool calls come back typed, and a
 * streamed answer accumulates to the same message as the same answer unstreamed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ToolCallingConformanceIT {

    private static final String BOSTON_ARGS = "{\"city\":\"Boston\",\"unit\":\"c\"}";
    private static final String OSLO_ARGS = "{\"city\":\"Oslo\"}";

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of());
        client = env.gateway.openAi();
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
    void parallelToolCallsComeBackTypedStreamedOrNot() {
        UpstreamAnswers.chatJson(env.upstream, """
                {"id":"chatcmpl-u","object":"chat.completion","created":1,"model":"gpt-4.1-2025-04-14",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[
                   {"id":"call_boston","type":"function","function":{"name":"get_weather","arguments":%s}},
                   {"id":"call_oslo","type":"function","function":{"name":"get_weather","arguments":%s}}]},
                  "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":30,"total_tokens":80}}
                """.formatted(quoted(BOSTON_ARGS), quoted(OSLO_ARGS)));
        UpstreamAnswers.chatStream(
                env.upstream,
                Sse.of(List.of(
                        chunk(
                                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_boston\","
                                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}",
                                null),
                        chunk(argumentsDelta(0, "{\"city\":"), null),
                        chunk(argumentsDelta(0, "\"Boston\",\"unit\":\"c\"}"), null),
                        chunk(
                                "{\"tool_calls\":[{\"index\":1,\"id\":\"call_oslo\",\"type\":\"function\","
                                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}",
                                null),
                        chunk(argumentsDelta(1, "{\"city\""), null),
                        chunk(argumentsDelta(1, ":\"Oslo\"}"), null),
                        chunk("{}", "tool_calls"),
                        usageChunk(50, 30))));
        ChatCompletionCreateParams params = weatherQuestion().build();

        ChatCompletion whole = client.chat().completions().create(params);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().peek(chunks::add).forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        ChatCompletionMessage message = whole.choices().getFirst().message();
        assertThat(message.content()).isEmpty();
        List<ChatCompletionMessageFunctionToolCall> calls = message.toolCalls().orElseThrow().stream()
                .map(ChatCompletionMessageToolCall::asFunction)
                .toList();
        assertThat(calls)
                .extracting(ChatCompletionMessageFunctionToolCall::id)
                .containsExactly("call_boston", "call_oslo");
        assertThat(calls).extracting(call -> call.function().name()).containsOnly("get_weather");
        assertThat(calls).extracting(call -> call.function().arguments()).containsExactly(BOSTON_ARGS, OSLO_ARGS);
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);

        ChatCompletion.Choice streamedChoice = streamed.choices().getFirst();
        assertThat(streamedChoice.message().toolCalls()).isEqualTo(message.toolCalls());
        assertThat(streamedChoice.message().content()).isEqualTo(message.content());
        assertThat(streamedChoice.finishReason())
                .isEqualTo(whole.choices().getFirst().finishReason());
        assertThat(streamed.model()).isEqualTo(whole.model()).isEqualTo(CHAT_MODEL);

        // The deltas themselves: role first, then index/id/name on each call's first piece, then fragments.
        ChatCompletionChunk.Choice.Delta first =
                chunks.getFirst().choices().getFirst().delta();
        assertThat(first.role()).contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        ChatCompletionChunk.Choice.Delta.ToolCall opening =
                first.toolCalls().orElseThrow().getFirst();
        assertThat(opening.index()).isZero();
        assertThat(opening.id()).contains("call_boston");
        assertThat(opening.function().orElseThrow().name()).contains("get_weather");
        ChatCompletionChunk.Choice.Delta.ToolCall fragment = chunks.get(1)
                .choices()
                .getFirst()
                .delta()
                .toolCalls()
                .orElseThrow()
                .getFirst();
        assertThat(fragment.id()).isEmpty();
        assertThat(fragment.function().orElseThrow().arguments()).contains("{\"city\":");

        List<JsonNode> upstream = received(env.upstream, CHAT_PATH);
        assertThat(upstream).hasSize(2).allSatisfy(body -> {
            assertThat(body.get("tools").get(0).get("function").get("name").asText())
                    .isEqualTo("get_weather");
            assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
            assertThat(body.get("parallel_tool_calls").asBoolean()).isTrue();
        });
    }

    @Test
    void streamedTextAccumulatesToTheUnstreamedAnswerWithUsageLast() {
        UpstreamAnswers.chatJson(env.upstream, """
                {"id":"chatcmpl-u","object":"chat.completion","created":1,"model":"gpt-4.1-2025-04-14",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, Ada!","refusal":null},
                  "logprobs":null,"finish_reason":"length"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}
                """);
        UpstreamAnswers.chatStream(
                env.upstream,
                Sse.of(List.of(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        chunk("{\"content\":\"Hello\"}", null),
                        chunk("{\"content\":\" there, \"}", null),
                        chunk("{\"content\":\"Ada!\"}", null),
                        chunk("{}", "length"),
                        usageChunk(12, 5))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(CHAT_MODEL)
                .addUserMessage("Greet Ada")
                .maxCompletionTokens(5)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        ChatCompletion whole = client.chat()
                .completions()
                .create(params.toBuilder()
                        .streamOptions(java.util.Optional.empty())
                        .build());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().peek(chunks::add).forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        assertThat(streamed.choices().getFirst().message().content()).contains("Hello there, Ada!");
        assertThat(streamed.choices().getFirst().message().content())
                .isEqualTo(whole.choices().getFirst().message().content());
        assertThat(streamed.choices().getFirst().finishReason())
                .isEqualTo(whole.choices().getFirst().finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(streamed.usage().orElseThrow().totalTokens())
                .isEqualTo(whole.usage().orElseThrow().totalTokens())
                .isEqualTo(17);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
            assertThat(chunk.usage()).isEmpty();
            assertThat(chunk.id()).isEqualTo(last.id());
            assertThat(chunk.created()).isEqualTo(last.created());
        });
    }

    private static ChatCompletionCreateParams.Builder weatherQuestion() {
        return ChatCompletionCreateParams.builder()
                .model(CHAT_MODEL)
                .addUserMessage("Weather in Boston and Oslo?")
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties",
                                        JsonValue.from(Map.of(
                                                "city", Map.of("type", "string"),
                                                "unit", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)
                .parallelToolCalls(true);
    }

    private static String argumentsDelta(int index, String fragment) {
        return "{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + quoted(fragment) + "}}]}";
    }

    private static String quoted(String text) {
        try {
            return UpstreamAnswers.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
