package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes OpenAI {@code chat.completion} and {@code chat.completion.chunk} objects for one completion, with
 * a streaming generator (no object trees per chunk).
 */
final class ChatCompletionJson {

    static final String FINGERPRINT = "fp_dyad_gateway";

    private final JsonFactory factory;
    private final String id;
    private final long created;
    private final String model;

    ChatCompletionJson(JsonFactory factory, String id, long created, String model) {
        this.factory = factory;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** A chunk carrying a delta; the first of a choice also carries the assistant role. */
    byte[] deltaChunk(ChatChunk chunk, boolean withRole) {
        return chunkObject(g -> {
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", chunk.index());
            g.writeObjectFieldStart("delta");
            if (withRole) {
                g.writeStringField("role", "assistant");
            }
            if (chunk.content() != null
                    || withRole
                            && chunk.reasoningContent() == null
                            && chunk.toolCalls().isEmpty()) {
                g.writeStringField("content", chunk.content() == null ? "" : chunk.content());
            }
            if (chunk.reasoningContent() != null) {
                g.writeStringField("reasoning_content", chunk.reasoningContent());
            }
            if (!chunk.toolCalls().isEmpty()) {
                writeToolCallDeltas(g, chunk);
            }
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeNullField("finish_reason");
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** The chunk that ends a choice; carries usage too when the client did not ask for a usage chunk. */
    byte[] finishChunk(int index, FinishReason reason, Usage usageOrNull) {
        return chunkObject(g -> {
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", reason.wireName());
            g.writeEndObject();
            g.writeEndArray();
            if (usageOrNull != null) {
                writeUsage(g, usageOrNull);
            }
        });
    }

    /** The final chunk with empty choices and the usage, sent when {@code stream_options.include_usage} is set. */
    byte[] usageChunk(Usage usage) {
        return chunkObject(g -> {
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            writeUsage(g, usage);
        });
    }

    /** The whole non-streaming {@code chat.completion}. */
    byte[] completion(CollectedAnswer answer, FinishReason reason, Usage usage) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", created);
            g.writeStringField("model", model);
            g.writeStringField("system_fingerprint", FINGERPRINT);
            g.writeArrayFieldStart("choices");
            for (CollectedAnswer.Choice choice : answer.choices()) {
                writeChoice(g, choice, reason);
            }
            g.writeEndArray();
            writeUsage(g, usage);
            g.writeEndObject();
        });
    }

    private void writeChoice(JsonGenerator g, CollectedAnswer.Choice choice, FinishReason reason) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", choice.index());
        g.writeObjectFieldStart("message");
        g.writeStringField("role", "assistant");
        String content = choice.content();
        if (content.isEmpty() && !choice.toolCalls().isEmpty()) {
            g.writeNullField("content");
        } else {
            g.writeStringField("content", content);
        }
        g.writeNullField("refusal");
        if (!choice.reasoning().isEmpty()) {
            g.writeStringField("reasoning_content", choice.reasoning());
        }
        if (!choice.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (CollectedAnswer.Call call : choice.toolCalls()) {
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
        g.writeEndObject();
        g.writeNullField("logprobs");
        g.writeStringField("finish_reason", reason.wireName());
        g.writeEndObject();
    }

    private static void writeToolCallDeltas(JsonGenerator g, ChatChunk chunk) throws IOException {
        g.writeArrayFieldStart("tool_calls");
        for (ToolCallDelta call : chunk.toolCalls()) {
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

    private static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
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

    private byte[] chunkObject(Body choicesAndMore) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "chat.completion.chunk");
            g.writeNumberField("created", created);
            g.writeStringField("model", model);
            g.writeStringField("system_fingerprint", FINGERPRINT);
            choicesAndMore.write(g);
            g.writeEndObject();
        });
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
