package ai.dyad.gateway.wire.testing;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI chat request body into a {@link ChatRequest} the way the host does, so translation
 * fixtures can be written as the JSON a client sends.
 */
public final class ChatRequests {

    private static final Set<String> MODELLED = Set.of(
            "model",
            "messages",
            "stream",
            "max_tokens",
            "max_completion_tokens",
            "temperature",
            "top_p",
            "n",
            "stop",
            "seed",
            "presence_penalty",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "top_logprobs",
            "user",
            "metadata",
            "store",
            "reasoning_effort",
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "response_format");

    private ChatRequests() {}

    public static ChatRequest parse(String json) {
        try {
            return fromNode(Json.parse(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static ChatRequest fromNode(JsonNode body) {
        List<ChatMessage> messages = new ArrayList<>();
        body.path("messages").forEach(m -> messages.add(message(m)));
        ChatRequest.Builder b = ChatRequest.builder(body.path("model").asText(), messages).stream(
                body.path("stream").asBoolean(false));
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        if (max != null && !max.isNull()) {
            b.maxTokens(max.asInt());
        }
        if (body.has("temperature")) b.temperature(body.get("temperature").asDouble());
        if (body.has("top_p")) b.topP(body.get("top_p").asDouble());
        if (body.has("n")) b.n(body.get("n").asInt());
        if (body.has("stop")) {
            JsonNode stop = body.get("stop");
            List<String> list = new ArrayList<>();
            if (stop.isTextual()) list.add(stop.asText());
            else stop.forEach(s -> list.add(s.asText()));
            b.stop(list);
        }
        if (body.has("seed")) b.seed(body.get("seed").asLong());
        if (body.has("presence_penalty"))
            b.presencePenalty(body.get("presence_penalty").asDouble());
        if (body.has("frequency_penalty"))
            b.frequencyPenalty(body.get("frequency_penalty").asDouble());
        if (body.has("logit_bias")) b.logitBias((Map<String, Object>) Json.toPlain(body.get("logit_bias")));
        if (body.has("logprobs")) b.logprobs(body.get("logprobs").asBoolean());
        if (body.has("top_logprobs")) b.topLogprobs(body.get("top_logprobs").asInt());
        if (body.has("user")) b.user(body.get("user").asText());
        if (body.has("metadata")) b.metadata((Map<String, Object>) Json.toPlain(body.get("metadata")));
        if (body.has("store")) b.store(body.get("store").asBoolean());
        if (body.has("reasoning_effort"))
            b.reasoningEffort(body.get("reasoning_effort").asText());
        if (body.has("tools")) {
            List<ToolDefinition> tools = new ArrayList<>();
            for (JsonNode tool : body.get("tools")) {
                JsonNode f = tool.path("function");
                tools.add(new ToolDefinition(
                        f.path("name").asText(),
                        Json.string(f, "description"),
                        f.has("parameters") ? (Map<String, Object>) Json.toPlain(f.get("parameters")) : null,
                        f.has("strict") ? f.get("strict").asBoolean() : null));
            }
            b.tools(tools);
        }
        if (body.has("tool_choice")) b.toolChoice(Json.toPlain(body.get("tool_choice")));
        if (body.has("parallel_tool_calls"))
            b.parallelToolCalls(body.get("parallel_tool_calls").asBoolean());
        if (body.has("response_format")) {
            b.responseFormat((Map<String, Object>) Json.toPlain(body.get("response_format")));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            if (!MODELLED.contains(e.getKey())) {
                extra.put(e.getKey(), Json.toPlain(e.getValue()));
            }
        });
        return b.extra(extra).build();
    }

    private static ChatMessage message(JsonNode m) {
        Role role = Role.fromWire(m.path("role").asText()).orElseThrow();
        JsonNode content = m.get("content");
        List<ContentPart> parts = null;
        boolean wasText = false;
        if (content != null && content.isTextual()) {
            parts = List.of(new ContentPart.Text(content.asText()));
            wasText = true;
        } else if (content != null && content.isArray()) {
            parts = new ArrayList<>();
            for (JsonNode part : content) {
                parts.add(part(part));
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : m.path("tool_calls")) {
            calls.add(new ToolCall(
                    call.path("id").asText(),
                    call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText()));
        }
        return new ChatMessage(role, parts, wasText, Json.string(m, "name"), calls, Json.string(m, "tool_call_id"));
    }

    private static ContentPart part(JsonNode part) {
        return switch (part.path("type").asText()) {
            case "text" -> new ContentPart.Text(part.path("text").asText());
            case "image_url" ->
                new ContentPart.ImageUrl(
                        part.path("image_url").path("url").asText(), Json.string(part.path("image_url"), "detail"));
            case "input_audio" ->
                new ContentPart.InputAudio(
                        part.path("input_audio").path("data").asText(),
                        part.path("input_audio").path("format").asText());
            case "file" ->
                new ContentPart.File(
                        Json.string(part.path("file"), "file_id"),
                        Json.string(part.path("file"), "filename"),
                        Json.string(part.path("file"), "file_data"));
            default -> throw new IllegalArgumentException("unknown part type " + part);
        };
    }
}
