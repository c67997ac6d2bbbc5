package ai.dyad.gateway.host.chat;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;
import static ai.dyad.gateway.host.http.JsonFields.missing;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code messages} array: roles, string or part-array content, tool calls and tool results. */
final class MessageParser {

    private final JsonFields fields;

    MessageParser(JsonFields fields) {
        this.fields = fields;
    }

    List<ChatMessage> parseAll(JsonNode body) {
        List<JsonNode> nodes = fields.array(body, "messages", "messages");
        if (nodes == null) {
            throw missing("messages");
        }
        if (nodes.isEmpty()) {
            throw invalid("messages", "'messages' must contain at least one message");
        }
        List<ChatMessage> messages = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            messages.add(parse(nodes.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private ChatMessage parse(JsonNode node, String param) {
        if (!node.isObject()) {
            throw invalidType(param, "an object");
        }
        String roleName = fields.requiredString(node, "role", param + ".role");
        Role role = Role.fromWire(roleName)
                .orElseThrow(() -> invalid(
                        param + ".role",
                        "'" + roleName + "' is not a valid role; use system, developer, user, assistant or tool"));
        List<ToolCall> toolCalls = toolCalls(node, param);
        JsonNode content = node.get("content");
        boolean mayOmitContent = role == Role.ASSISTANT;
        if (absent(content) && !mayOmitContent) {
            throw missing(param + ".content");
        }
        String toolCallId = fields.string(node, "tool_call_id", param + ".tool_call_id");
        if (role == Role.TOOL && toolCallId == null) {
            throw missing(param + ".tool_call_id");
        }
        List<ContentPart> parts = absent(content) ? null : content(content, param + ".content");
        return new ChatMessage(
                role,
                parts,
                !absent(content) && content.isTextual(),
                fields.string(node, "name", param + ".name"),
                toolCalls,
                toolCallId);
    }

    private List<ContentPart> content(JsonNode content, String param) {
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalidType(param, "a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(part(content.get(i), param + "[" + i + "]"));
        }
        return parts;
    }

    private ContentPart part(JsonNode part, String param) {
        if (!part.isObject()) {
            throw invalidType(param, "an object");
        }
        String type = fields.requiredString(part, "type", param + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(fields.requiredString(part, "text", param + ".text"));
            case "refusal" -> new ContentPart.Text(fields.requiredString(part, "refusal", param + ".refusal"));
            case "image_url" -> {
                JsonNode image = objectField(part, "image_url", param);
                yield new ContentPart.ImageUrl(
                        fields.requiredString(image, "url", param + ".image_url.url"),
                        fields.string(image, "detail", param + ".image_url.detail"));
            }
            case "input_audio" -> {
                JsonNode audio = objectField(part, "input_audio", param);
                yield new ContentPart.InputAudio(
                        fields.requiredString(audio, "data", param + ".input_audio.data"),
                        fields.requiredString(audio, "format", param + ".input_audio.format"));
            }
            case "file" -> {
                JsonNode file = objectField(part, "file", param);
                String fileId = fields.string(file, "file_id", param + ".file.file_id");
                String fileData = fields.string(file, "file_data", param + ".file.file_data");
                if (fileId == null && fileData == null) {
                    throw missing(param + ".file.file_id");
                }
                yield new ContentPart.File(fileId, fields.string(file, "filename", param + ".file.filename"), fileData);
            }
            default ->
                throw invalid(
                        param + ".type",
                        "content part type '" + type + "' is not supported; use text, image_url, input_audio or file");
        };
    }

    private static JsonNode objectField(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            throw missing(param + "." + field);
        }
        if (!node.isObject()) {
            throw invalidType(param + "." + field, "an object");
        }
        return node;
    }

    private List<ToolCall> toolCalls(JsonNode message, String param) {
        List<ToolCall> calls = new ArrayList<>();
        List<JsonNode> nodes = fields.array(message, "tool_calls", param + ".tool_calls");
        if (nodes != null) {
            for (int i = 0; i < nodes.size(); i++) {
                String callParam = param + ".tool_calls[" + i + "]";
                JsonNode call = nodes.get(i);
                if (!call.isObject()) {
                    throw invalidType(callParam, "an object");
                }
                JsonNode function = objectField(call, "function", callParam);
                calls.add(new ToolCall(
                        fields.requiredString(call, "id", callParam + ".id"),
                        fields.requiredString(function, "name", callParam + ".function.name"),
                        argumentsOf(function, callParam + ".function.arguments")));
            }
        }
        JsonNode legacy = message.get("function_call");
        if (!absent(legacy)) {
            if (!legacy.isObject()) {
                throw invalidType(param + ".function_call", "an object");
            }
            String name = fields.requiredString(legacy, "name", param + ".function_call.name");
            calls.add(new ToolCall("call_" + name, name, argumentsOf(legacy, param + ".function_call.arguments")));
        }
        return calls;
    }

    private String argumentsOf(JsonNode function, String param) {
        String arguments = fields.string(function, "arguments", param);
        return arguments == null ? "{}" : arguments;
    }

    static void requireNotBlank(String value, String param) {
        if (value.isBlank()) {
            throw invalid(param, "'" + param + "' must not be empty");
        }
    }
}
