package ai.dyad.gateway.plugins.local.ollama;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI chat request as an Ollama {@code /api/chat} request: sampling parameters and the token limit
 * move into {@code options} (with the provider's {@code num_ctx} and {@code num_gpu}), images into a
 * message's {@code images} as bare base64, tool-call arguments become objects, {@code response_format}
 * becomes {@code format}, {@code reasoning_effort} becomes {@code think}. A client may send Ollama's own
 * {@code options}, {@code keep_alive}, {@code think} and {@code format} as extra fields; they win.
 */
final class OllamaRequestTranslator {

    private static final Pattern DATA_URL = Pattern.compile("data:[^;,]+(?:;[^;,]+)*;base64,(.*)", Pattern.DOTALL);

    private OllamaRequestTranslator() {}

    static ObjectNode translate(ChatRequest request, OllamaOptions provider) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < request.messages().size(); i++) {
            messages.add(message(request.messages(), i));
        }
        // Ollama streams unless told otherwise, so the choice is always written.
        body.put("stream", request.stream());
        if (!request.tools().isEmpty() && !"none".equals(request.toolChoice())) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        format(request.responseFormat(), body);
        if (request.reasoningEffort() != null) {
            body.put("think", !List.of("none", "minimal").contains(request.reasoningEffort()));
        }
        ObjectNode options = options(request, provider);
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        if (provider.keepAlive() != null) {
            body.put("keep_alive", provider.keepAlive());
        }
        for (String field : List.of("keep_alive", "think", "format")) {
            if (request.extra().containsKey(field)) {
                body.set(field, Json.toNode(request.extra().get(field)));
            }
        }
        return body;
    }

    private static ObjectNode options(ChatRequest request, OllamaOptions provider) {
        ObjectNode options = Json.object();
        if (provider.numCtx() != null) {
            options.put("num_ctx", provider.numCtx());
        }
        if (provider.numGpu() != null) {
            options.put("num_gpu", provider.numGpu());
        }
        if (request.extra().get("options") instanceof Map<?, ?> given) {
            options.setAll((ObjectNode) Json.toNode(given));
        }
        putIfSet(options, "num_predict", request.maxTokens());
        putIfSet(options, "temperature", request.temperature());
        putIfSet(options, "top_p", request.topP());
        putIfSet(options, "seed", request.seed());
        putIfSet(options, "presence_penalty", request.presencePenalty());
        putIfSet(options, "frequency_penalty", request.frequencyPenalty());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            request.stop().forEach(stop::add);
        }
        return options;
    }

    private static ObjectNode message(List<ChatMessage> messages, int index) {
        ChatMessage message = messages.get(index);
        String param = "messages[" + index + "]";
        ObjectNode node = Json.object();
        node.put(
                "role",
                switch (message.role()) {
                    case SYSTEM, DEVELOPER -> "system";
                    case USER -> "user";
                    case ASSISTANT -> "assistant";
                    case TOOL -> "tool";
                    case FUNCTION -> throw unsupported("the legacy function role; use tool", param + ".role");
                });
        node.put("content", message.text());
        ArrayNode images = Json.array();
        if (message.content() != null) {
            for (int i = 0; i < message.content().size(); i++) {
                ContentPart part = message.content().get(i);
                String at = param + ".content[" + i + "]";
                switch (part) {
                    case ContentPart.Text text -> {
                        // Joined into "content" above.
                    }
                    case ContentPart.ImageUrl image -> images.add(base64(image.url(), at));
                    case ContentPart.InputAudio audio -> throw unsupported("audio input", at);
                    case ContentPart.File file -> throw unsupported("file input", at);
                }
            }
        }
        if (!images.isEmpty()) {
            node.set("images", images);
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (int i = 0; i < message.toolCalls().size(); i++) {
                ToolCall call = message.toolCalls().get(i);
                ObjectNode function = calls.addObject().putObject("function");
                function.put("name", call.name());
                function.set(
                        "arguments",
                        Json.parseArguments(call.arguments(), param + ".tool_calls[" + i + "].function.arguments"));
            }
        }
        if (message.toolCallId() != null) {
            String name = toolName(messages, index, message.toolCallId());
            if (name != null) {
                node.put("tool_name", name);
            }
        }
        return node;
    }

    /** Ollama names the tool a result belongs to; OpenAI names the call, so look the call up. */
    private static String toolName(List<ChatMessage> messages, int before, String callId) {
        for (int i = before - 1; i >= 0; i--) {
            for (ToolCall call : messages.get(i).toolCalls()) {
                if (callId.equals(call.id())) {
                    return call.name();
                }
            }
        }
        return null;
    }

    private static ObjectNode tool(ToolDefinition tool) {
        ObjectNode node = Json.object();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        JsonNode schema = tool.parameters() == null ? null : Json.toNode(tool.parameters());
        function.set(
                "parameters",
                schema != null && schema.isObject() ? schema : Json.object().put("type", "object"));
        return node;
    }

    /** {@code json_object} asks for any JSON ({@code "json"}), {@code json_schema} passes its schema. */
    private static void format(Map<String, Object> responseFormat, ObjectNode body) {
        if (responseFormat == null) {
            return;
        }
        JsonNode format = Json.toNode(responseFormat);
        switch (format.path("type").asText()) {
            case "json_object" -> body.put("format", "json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    body.set("format", schema);
                }
            }
            default -> {
                // "text" is Ollama's default.
            }
        }
    }

    private static String base64(String url, String param) {
        Matcher data = DATA_URL.matcher(url);
        if (!data.matches()) {
            throw new AdapterException(
                    ErrorKind.INVALID_REQUEST,
                    "Ollama takes images inline only: send a base64 data: URL",
                    "unsupported_content",
                    param,
                    null,
                    null);
        }
        return data.group(1);
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, Json.toNode(value));
        }
    }

    private static AdapterException unsupported(String what, String param) {
        return new AdapterException(
                ErrorKind.INVALID_REQUEST, "Ollama does not accept " + what, "unsupported_content", param, null, null);
    }
}
