package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.TokenLogprob;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writers for the pieces that completions and chunks share: usage, log probabilities, tool calls. */
final class ChatJsonParts {

    private ChatJsonParts() {}

    /** {@code "usage"} with OpenAI's details objects (counts the SPI does not carry are 0). */
    static void usage(JsonGenerator g, Usage usage) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", usage.promptTokens());
        g.writeNumberField("completion_tokens", usage.completionTokens());
        g.writeNumberField("total_tokens", usage.totalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", usage.cachedTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", usage.reasoningTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeNumberField("accepted_prediction_tokens", 0);
        g.writeNumberField("rejected_prediction_tokens", 0);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code "logprobs"}: {@code null} when there are none, else {@code {"content":[…],"refusal":null}}. */
    static void logprobs(JsonGenerator g, List<TokenLogprob> tokens) throws IOException {
        if (tokens.isEmpty()) {
            g.writeNullField("logprobs");
            return;
        }
        g.writeObjectFieldStart("logprobs");
        g.writeArrayFieldStart("content");
        for (TokenLogprob token : tokens) {
            g.writeStartObject();
            token(g, token.token(), token.logprob(), token.bytes());
            g.writeArrayFieldStart("top_logprobs");
            for (TokenLogprob.Alternative top : token.topLogprobs()) {
                g.writeStartObject();
                token(g, top.token(), top.logprob(), top.bytes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNullField("refusal");
        g.writeEndObject();
    }

    private static void token(JsonGenerator g, String token, double logprob, List<Integer> bytes) throws IOException {
        g.writeStringField("token", token);
        g.writeNumberField("logprob", logprob);
        if (bytes == null) {
            g.writeNullField("bytes");
        } else {
            g.writeArrayFieldStart("bytes");
            for (int b : bytes) {
                g.writeNumber(b);
            }
            g.writeEndArray();
        }
    }

    /** Streamed tool-call pieces: {@code index} always, {@code id}/{@code type}/name on a call's first piece. */
    static void toolCallDeltas(JsonGenerator g, List<ToolCallDelta> calls) throws IOException {
        g.writeArrayFieldStart("tool_calls");
        for (ToolCallDelta call : calls) {
            g.writeStartObject();
            g.writeNumberField("index", call.index());
            if (call.id() != null) {
                g.writeStringField("id", call.id());
                g.writeStringField("type", "function");
            }
            g.writeObjectFieldStart("function");
            if (call.name() != null) {
                g.writeStringField("name", call.name());
            }
            g.writeStringField("arguments", call.arguments() == null ? "" : call.arguments());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * A streamed piece of a legacy {@code function_call}. The legacy API has a single call per answer, so
     * pieces of further calls are not written.
     */
    static void functionCallDelta(JsonGenerator g, List<ToolCallDelta> calls) throws IOException {
        for (ToolCallDelta call : calls) {
            if (call.index() != 0) {
                continue;
            }
            g.writeObjectFieldStart("function_call");
            if (call.name() != null) {
                g.writeStringField("name", call.name());
            }
            g.writeStringField("arguments", call.arguments() == null ? "" : call.arguments());
            g.writeEndObject();
        }
    }

    /** Whole tool calls of a {@code chat.completion} message. */
    static void toolCalls(JsonGenerator g, List<CollectedAnswer.Call> calls) throws IOException {
        g.writeArrayFieldStart("tool_calls");
        for (CollectedAnswer.Call call : calls) {
            g.writeStartObject();
            g.writeStringField("id", call.id());
            g.writeStringField("type", "function");
            g.writeObjectFieldStart("function");
            g.writeStringField("name", call.name());
            g.writeStringField("arguments", call.arguments());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
