package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.TokenLogprob;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads OpenAI answers (whole, streamed chunk by chunk, embeddings) into the SPI's types. */
final class AnswerDecoder {

    /** A whole {@code chat.completion}: one chunk per choice, then the ending. */
    void completion(JsonNode body, ChatSink sink) {
        FinishReason finish = FinishReason.STOP;
        for (JsonNode choice : body.path("choices")) {
            JsonNode message = choice.path("message");
            List<ToolCallDelta> calls = new ArrayList<>();
            JsonNode toolCalls = message.path("tool_calls");
            for (int i = 0; i < toolCalls.size(); i++) {
                JsonNode call = toolCalls.get(i);
                calls.add(new ToolCallDelta(
                        i,
                        text(call, "id"),
                        text(call.path("function"), "name"),
                        text(call.path("function"), "arguments")));
            }
            ChatChunk chunk = new ChatChunk(
                    choice.path("index").asInt(),
                    text(message, "content"),
                    text(message, "reasoning_content"),
                    calls,
                    logprobs(choice.path("logprobs")));
            if (!sink.emit(chunk)) {
                return;
            }
            finish = finishReason(choice).orElse(finish);
        }
        sink.complete(finish, usage(body.path("usage")));
    }

    /** One streamed chunk; false when the client is gone. */
    boolean streamChunk(JsonNode chunk, ChatSink sink, StreamState state) {
        if (chunk.hasNonNull("usage")) {
            state.usage(usage(chunk.get("usage")));
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            List<ToolCallDelta> calls = new ArrayList<>();
            for (JsonNode call : delta.path("tool_calls")) {
                calls.add(new ToolCallDelta(
                        call.path("index").asInt(),
                        text(call, "id"),
                        text(call.path("function"), "name"),
                        text(call.path("function"), "arguments")));
            }
            String content = text(delta, "content");
            String reasoning = text(delta, "reasoning_content");
            List<TokenLogprob> logprobs = logprobs(choice.path("logprobs"));
            if (content != null || reasoning != null || !calls.isEmpty() || !logprobs.isEmpty()) {
                if (!sink.emit(new ChatChunk(choice.path("index").asInt(), content, reasoning, calls, logprobs))) {
                    return false;
                }
            }
            finishReason(choice).ifPresent(state::finish);
        }
        return true;
    }

    EmbeddingResult embeddings(JsonNode body) {
        JsonNode data = body.path("data");
        float[][] vectors = new float[data.size()][];
        for (JsonNode item : data) {
            JsonNode values = item.path("embedding");
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i).floatValue();
            }
            vectors[item.path("index").asInt()] = vector;
        }
        JsonNode usage = body.path("usage");
        return new EmbeddingResult(
                List.of(vectors),
                usage.isObject() ? Usage.of(usage.path("prompt_tokens").asInt(), 0) : null);
    }

    private static List<TokenLogprob> logprobs(JsonNode logprobs) {
        List<TokenLogprob> tokens = new ArrayList<>();
        for (JsonNode token : logprobs.path("content")) {
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            for (JsonNode alternative : token.path("top_logprobs")) {
                top.add(new TokenLogprob.Alternative(
                        text(alternative, "token"), alternative.path("logprob").asDouble(), bytes(alternative)));
            }
            tokens.add(
                    new TokenLogprob(text(token, "token"), token.path("logprob").asDouble(), bytes(token), top));
        }
        return tokens;
    }

    private static List<Integer> bytes(JsonNode token) {
        if (!token.path("bytes").isArray()) {
            return null;
        }
        List<Integer> bytes = new ArrayList<>();
        token.get("bytes").forEach(b -> bytes.add(b.asInt()));
        return bytes;
    }

    private static java.util.Optional<FinishReason> finishReason(JsonNode choice) {
        String reason = text(choice, "finish_reason");
        if (reason == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                "function_call".equals(reason)
                        ? FinishReason.TOOL_CALLS
                        : FinishReason.valueOf(reason.toUpperCase(Locale.ROOT)));
    }

    private static Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        return new Usage(
                usage.path("prompt_tokens").asInt(),
                usage.path("completion_tokens").asInt(),
                usage.path("prompt_tokens_details").path("cached_tokens").asInt(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asInt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
