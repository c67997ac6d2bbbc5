package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link ChatRequest} as an OpenAI {@code /chat/completions} body, faithfully: only the fields the
 * client sent, message content in the shape the client used, and every field the API does not model
 * ({@link ChatRequest#extra()}) passed on as sent. Stateless and thread-safe.
 */
public final class OpenAiRequestEncoder {

    /** Both names of the token limit; the configured one is written, a copy of the other in extra dropped. */
    private static final Set<String> TOKEN_LIMIT_FIELDS = Set.of("max_tokens", "max_completion_tokens");

    private final String maxTokensField;
    private final boolean includeUsage;

    /**
     * @param maxTokensField {@code max_tokens} (understood by every OpenAI-compatible server) or
     *     {@code max_completion_tokens} (required by OpenAI's reasoning models)
     * @param includeUsage whether to ask for usage on the last stream chunk ({@code stream_options}), so
     *     the gateway can report real token counts even when the client did not ask
     */
    public OpenAiRequestEncoder(String maxTokensField, boolean includeUsage) {
        if (!TOKEN_LIMIT_FIELDS.contains(maxTokensField)) {
            throw new IllegalArgumentException("maxTokensField must be one of " + TOKEN_LIMIT_FIELDS);
        }
        this.maxTokensField = maxTokensField;
        this.includeUsage = includeUsage;
    }

    public ObjectNode encode(ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(message -> messages.add(message(message)));
        if (request.stream()) {
            body.put("stream", true);
        }
        putIfSet(body, maxTokensField, request.maxTokens());
        putIfSet(body, "temperature", request.temperature());
        putIfSet(body, "top_p", request.topP());
        putIfSet(body, "n", request.n());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        putIfSet(body, "seed", request.seed());
        putIfSet(body, "presence_penalty", request.presencePenalty());
        putIfSet(body, "frequency_penalty", request.frequencyPenalty());
        putIfSet(body, "logit_bias", request.logitBias());
        putIfSet(body, "logprobs", request.logprobs());
        putIfSet(body, "top_logprobs", request.topLogprobs());
        putIfSet(body, "user", request.user());
        putIfSet(body, "metadata", request.metadata());
        putIfSet(body, "store", request.store());
        putIfSet(body, "reasoning_effort", request.reasoningEffort());
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        putIfSet(body, "tool_choice", request.toolChoice());
        putIfSet(body, "parallel_tool_calls", request.parallelToolCalls());
        putIfSet(body, "response_format", request.responseFormat());
        for (Map.Entry<String, Object> extra : request.extra().entrySet()) {
            if (!body.has(extra.getKey()) && !TOKEN_LIMIT_FIELDS.contains(extra.getKey())) {
                body.set(extra.getKey(), Json.toNode(extra.getValue()));
            }
        }
        streamOptions(request, body);
        return body;
    }

    private void streamOptions(ChatRequest request, ObjectNode body) {
        if (!request.stream()) {
            body.remove("stream_options"); // OpenAI rejects stream_options on a request that does not stream
            return;
        }
        if (includeUsage) {
            JsonNode given = body.get("stream_options");
            ObjectNode options =
                    given != null && given.isObject() ? (ObjectNode) given : body.putObject("stream_options");
            options.put("include_usage", true);
        }
    }

    static ObjectNode message(ChatMessage message) {
        ObjectNode node = Json.object();
        node.put("role", message.role().wireName());
        if (message.content() == null) {
            node.putNull("content");
        } else if (message.contentWasText()
                && message.content().size() == 1
                && message.content().getFirst() instanceof ContentPart.Text text) {
            node.put("content", text.text());
        } else {
            ArrayNode parts = node.putArray("content");
            message.content().forEach(part -> parts.add(part(part)));
        }
        if (message.name() != null) {
            node.put("name", message.name());
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            message.toolCalls().forEach(call -> calls.add(toolCall(call)));
        }
        if (message.toolCallId() != null) {
            node.put("tool_call_id", message.toolCallId());
        }
        return node;
    }

    static ObjectNode part(ContentPart part) {
        ObjectNode node = Json.object();
        node.put("type", part.wireType());
        switch (part) {
            case ContentPart.Text text -> node.put("text", text.text());
            case ContentPart.ImageUrl image -> {
                ObjectNode url = node.putObject("image_url");
                url.put("url", image.url());
                if (image.detail() != null) {
                    url.put("detail", image.detail());
                }
            }
            case ContentPart.InputAudio audio -> {
                ObjectNode input = node.putObject("input_audio");
                input.put("data", audio.data());
                input.put("format", audio.format());
            }
            case ContentPart.File file -> {
                ObjectNode inner = node.putObject("file");
                putIfSet(inner, "file_id", file.fileId());
                putIfSet(inner, "filename", file.filename());
                putIfSet(inner, "file_data", file.fileData());
            }
        }
        return node;
    }

    static ObjectNode toolCall(ToolCall call) {
        ObjectNode node = Json.object();
        node.put("id", call.id());
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments());
        return node;
    }

    static ObjectNode tool(ToolDefinition tool) {
        ObjectNode node = Json.object();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        putIfSet(function, "description", tool.description());
        putIfSet(function, "parameters", tool.parameters());
        putIfSet(function, "strict", tool.strict());
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, Json.toNode(value));
        }
    }
}
