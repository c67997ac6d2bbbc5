package ai.dyad.gateway.host.chat;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.emptyArray;
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
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code messages} array: every role, string or part-array content (with the part types each role
 * may carry), names, assistant tool calls (and the legacy {@code function_call}) and tool results.
 */
final class MessageParser {

    /** Content part types each role may send, as OpenAI's API reference lists them. */
    private static final Map<Role, Set<String>> PART_TYPES = Map.of(
            Role.SYSTEM, Set.of("text"),
            Role.DEVELOPER, Set.of("text"),
            Role.USER, Set.of("text", "image_url", "input_audio", "file"),
            Role.ASSISTANT, Set.of("text", "refusal"),
            Role.TOOL, Set.of("text"),
            Role.FUNCTION, Set.of("text"));

    private static final Set<String> IMAGE_DETAILS = Set.of("auto", "low", "high");
    private static final Set<String> AUDIO_FORMATS = Set.of("wav", "mp3");

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
            throw emptyArray("messages");
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
                        "Invalid value: '" + roleName
                                + "'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool' and"
                                + " 'function'."));
        List<ToolCall> toolCalls = role == Role.ASSISTANT ? toolCalls(node, param) : List.of();
        JsonNode content = node.get("content");
        // Assistant turns may be only tool calls; a legacy function result may be null.
        boolean mayOmitContent = role == Role.ASSISTANT || role == Role.FUNCTION;
        if (absent(content) && !mayOmitContent) {
            throw missing(param + ".content");
        }
        String name = fields.string(node, "name", param + ".name");
        if (role == Role.FUNCTION && name == null) {
            throw missing(param + ".name");
        }
        String toolCallId = fields.string(node, "tool_call_id", param + ".tool_call_id");
        if (role == Role.TOOL && toolCallId == null) {
            throw missing(param + ".tool_call_id");
        }
        List<ContentPart> parts = absent(content) ? null : content(content, role, param + ".content");
        return new ChatMessage(role, parts, !absent(content) && content.isTextual(), name, toolCalls, toolCallId);
    }

    private List<ContentPart> content(JsonNode content, Role role, String param) {
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalidType(param, "a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(part(content.get(i), role, param + "[" + i + "]"));
        }
        return parts;
    }

    private ContentPart part(JsonNode part, Role role, String param) {
        if (!part.isObject()) {
            throw invalidType(param, "an object");
        }
        String type = fields.requiredString(part, "type", param + ".type");
        Set<String> allowed = PART_TYPES.get(role);
        if (!allowed.contains(type)) {
            throw invalid(
                    param + ".type",
                    "content part type '" + type + "' is not allowed in a " + role.wireName() + " message; use "
                            + String.join(" or ", allowed.stream().sorted().toList()));
        }
        return switch (type) {
            case "text" -> new ContentPart.Text(fields.requiredString(part, "text", param + ".text"));
            case "refusal" -> new ContentPart.Text(fields.requiredString(part, "refusal", param + ".refusal"));
            case "image_url" -> image(objectField(part, "image_url", param), param + ".image_url");
            case "input_audio" -> audio(objectField(part, "input_audio", param), param + ".input_audio");
            case "file" -> file(objectField(part, "file", param), param + ".file");
            default -> throw new IllegalStateException("allowed part type without a reader: " + type);
        };
    }

    private ContentPart image(JsonNode image, String param) {
        String url = fields.requiredString(image, "url", param + ".url");
        if (url.isBlank()) {
            throw invalid(param + ".url", "'" + param + ".url' must not be empty");
        }
        String detail = fields.string(image, "detail", param + ".detail");
        if (detail != null && !IMAGE_DETAILS.contains(detail)) {
            throw invalid(param + ".detail", "'" + detail + "' is not an image detail; use auto, low or high");
        }
        return new ContentPart.ImageUrl(url, detail);
    }

    private ContentPart audio(JsonNode audio, String param) {
        String data = fields.requiredString(audio, "data", param + ".data");
        String format = fields.requiredString(audio, "format", param + ".format");
        if (!AUDIO_FORMATS.contains(format)) {
            throw invalid(param + ".format", "'" + format + "' is not an audio format; use wav or mp3");
        }
        return new ContentPart.InputAudio(data, format);
    }

    private ContentPart file(JsonNode file, String param) {
        String fileId = fields.string(file, "file_id", param + ".file_id");
        String fileData = fields.string(file, "file_data", param + ".file_data");
        if (fileId == null && fileData == null) {
            throw missing(param + ".file_id");
        }
        return new ContentPart.File(fileId, fields.string(file, "filename", param + ".filename"), fileData);
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
                String type = fields.string(call, "type", callParam + ".type");
                if (type != null && !"function".equals(type)) {
                    throw invalid(
                            callParam + ".type", "tool call type '" + type + "' is not supported; use 'function'");
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
            // Legacy calls have no id; the answering 'function' message names the function instead.
            calls.add(new ToolCall("call_" + name, name, argumentsOf(legacy, param + ".function_call.arguments")));
        }
        return calls;
    }

    private String argumentsOf(JsonNode function, String param) {
        String arguments = fields.string(function, "arguments", param);
        return arguments == null ? "{}" : arguments;
    }
}
