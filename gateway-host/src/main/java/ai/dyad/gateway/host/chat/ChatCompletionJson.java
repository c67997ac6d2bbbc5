package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes OpenAI {@code chat.completion} and {@code chat.completion.chunk} objects for one completion, in the
 * exact shape OpenAI sends, with a streaming generator (no object trees per chunk).
 */
final class ChatCompletionJson {

    static final String FINGERPRINT = "fp_dyad_gateway";

    /**
     * Choices the request made about the answer's shape.
     *
     * @param includeUsage {@code stream_options.include_usage}: every chunk carries {@code "usage": null} and a
     *     last chunk with empty {@code choices} carries the usage
     * @param legacyFunctions answer tool calls as the legacy {@code function_call}
     */
    record Style(boolean includeUsage, boolean legacyFunctions) {}

    private final JsonFactory factory;
    private final String id;
    private final long created;
    private final String model;
    private final Style style;

    ChatCompletionJson(JsonFactory factory, String id, long created, String model, Style style) {
        this.factory = factory;
        this.id = id;
        this.created = created;
        this.model = model;
        this.style = style;
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
            if (chunk.content() != null) {
                g.writeStringField("content", chunk.content());
            } else if (withRole && !chunk.toolCalls().isEmpty()) {
                g.writeNullField("content"); // as OpenAI starts an answer that is only tool calls
            } else if (withRole && chunk.reasoningContent() == null) {
                g.writeStringField("content", "");
            }
            if (chunk.reasoningContent() != null) {
                g.writeStringField("reasoning_content", chunk.reasoningContent());
            }
            if (!chunk.toolCalls().isEmpty()) {
                if (style.legacyFunctions()) {
                    ChatJsonParts.functionCallDelta(g, chunk.toolCalls());
                } else {
                    ChatJsonParts.toolCallDeltas(g, chunk.toolCalls());
                }
            }
            g.writeEndObject();
            ChatJsonParts.logprobs(g, chunk.logprobs());
            g.writeNullField("finish_reason");
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** The chunk that ends a choice: an empty delta and the finish reason. */
    byte[] finishChunk(int index, FinishReason reason) {
        return chunkObject(g -> {
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", wireName(reason));
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /**
     * The usage for clients that did not ask for it: after the finish chunks, one choice with an empty delta
     * and no finish reason (a no-op to any client reading {@code choices[0]}), and the usage.
     */
    byte[] trailingUsageChunk(int index, Usage usage) {
        return write(g -> {
            header(g, "chat.completion.chunk");
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeNullField("finish_reason");
            g.writeEndObject();
            g.writeEndArray();
            ChatJsonParts.usage(g, usage);
            g.writeEndObject();
        });
    }

    /** The final chunk with empty choices and the usage, sent when {@code stream_options.include_usage} is set. */
    byte[] usageChunk(Usage usage) {
        return write(g -> {
            header(g, "chat.completion.chunk");
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            ChatJsonParts.usage(g, usage);
            g.writeEndObject();
        });
    }

    /** The whole non-streaming {@code chat.completion}. */
    byte[] completion(CollectedAnswer answer, FinishReason reason, Usage usage) {
        return write(g -> {
            header(g, "chat.completion");
            g.writeArrayFieldStart("choices");
            for (CollectedAnswer.Choice choice : answer.choices()) {
                writeChoice(g, choice, reason);
            }
            g.writeEndArray();
            ChatJsonParts.usage(g, usage);
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
            if (style.legacyFunctions()) {
                CollectedAnswer.Call call = choice.toolCalls().getFirst();
                g.writeObjectFieldStart("function_call");
                g.writeStringField("name", call.name());
                g.writeStringField("arguments", call.arguments());
                g.writeEndObject();
            } else {
                ChatJsonParts.toolCalls(g, choice.toolCalls());
            }
        }
        g.writeArrayFieldStart("annotations");
        g.writeEndArray();
        g.writeEndObject();
        ChatJsonParts.logprobs(g, choice.logprobs());
        g.writeStringField("finish_reason", wireName(reason));
        g.writeEndObject();
    }

    private String wireName(FinishReason reason) {
        return style.legacyFunctions() && reason == FinishReason.TOOL_CALLS ? "function_call" : reason.wireName();
    }

    private byte[] chunkObject(Body choices) {
        return write(g -> {
            header(g, "chat.completion.chunk");
            choices.write(g);
            if (style.includeUsage()) {
                g.writeNullField("usage"); // as OpenAI does on every chunk before the usage chunk
            }
            g.writeEndObject();
        });
    }

    private void header(JsonGenerator g, String object) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", object);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
        if (object.equals("chat.completion")) {
            g.writeStringField("service_tier", "default"); // as in the API reference's completion objects
        }
        g.writeStringField("system_fingerprint", FINGERPRINT);
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
