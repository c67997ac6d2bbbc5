package ai.dyad.gateway.host.chat;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;
import static ai.dyad.gateway.host.http.JsonFields.missing;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a {@code /v1/chat/completions} body into a {@link ChatRequest}: everything today's
 * OpenAI clients send, each mistake reported with the parameter's path. Unknown fields are kept in
 * {@link ChatRequest#extra()}, never rejected.
 */
final class ChatRequestParser {

    /** The parsed request (its model still the client's name) and the response options. */
    record Parsed(ChatRequest request, boolean includeUsage) {}

    private static final Set<String> KNOWN = Set.of(
            "model",
            "messages",
            "stream",
            "stream_options",
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
            "response_format",
            "functions",
            "function_call");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private final JsonFields fields;
    private final MessageParser messages;

    ChatRequestParser(JsonFields fields) {
        this.fields = fields;
        this.messages = new MessageParser(fields);
    }

    Parsed parse(JsonNode body) {
        String model = fields.requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw invalid("model", "'model' must not be empty");
        }
        List<ChatMessage> conversation = messages.parseAll(body);
        boolean stream = Boolean.TRUE.equals(fields.bool(body, "stream", "stream"));
        Integer maxCompletion =
                fields.integer(body, "max_completion_tokens", "max_completion_tokens", 1, Integer.MAX_VALUE);
        Integer maxTokens = fields.integer(body, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        ChatRequest request = ChatRequest.builder(model, conversation).stream(stream)
                .maxTokens(maxCompletion != null ? maxCompletion : maxTokens)
                .temperature(fields.number(body, "temperature", "temperature", 0, 2))
                .topP(fields.number(body, "top_p", "top_p", 0, 1))
                .n(fields.integer(body, "n", "n", 1, 128))
                .stop(stop(body))
                .seed(fields.longValue(body, "seed", "seed"))
                .presencePenalty(fields.number(body, "presence_penalty", "presence_penalty", -2, 2))
                .frequencyPenalty(fields.number(body, "frequency_penalty", "frequency_penalty", -2, 2))
                .logitBias(fields.object(body, "logit_bias", "logit_bias"))
                .logprobs(fields.bool(body, "logprobs", "logprobs"))
                .topLogprobs(fields.integer(body, "top_logprobs", "top_logprobs", 0, 20))
                .user(fields.string(body, "user", "user"))
                .metadata(fields.object(body, "metadata", "metadata"))
                .store(fields.bool(body, "store", "store"))
                .reasoningEffort(fields.string(body, "reasoning_effort", "reasoning_effort"))
                .tools(tools(body))
                .toolChoice(toolChoice(body))
                .parallelToolCalls(fields.bool(body, "parallel_tool_calls", "parallel_tool_calls"))
                .responseFormat(responseFormat(body))
                .extra(extra(body))
                .build();
        return new Parsed(request, stream && includeUsage(body));
    }

    private boolean includeUsage(JsonNode body) {
        Map<String, Object> options = fields.object(body, "stream_options", "stream_options");
        if (options == null) {
            return false;
        }
        Object include = options.get("include_usage");
        if (include != null && !(include instanceof Boolean)) {
            throw invalidType("stream_options.include_usage", "a boolean");
        }
        return Boolean.TRUE.equals(include);
    }

    private List<String> stop(JsonNode body) {
        JsonNode stop = body.get("stop");
        if (absent(stop)) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw invalidType("stop", "a string or an array of strings");
        }
        if (stop.size() > 4) {
            throw invalid("stop", "'stop' takes at most 4 sequences");
        }
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw invalidType("stop[" + i + "]", "a string");
            }
            sequences.add(stop.get(i).textValue());
        }
        return sequences;
    }

    private List<ToolDefinition> tools(JsonNode body) {
        List<ToolDefinition> tools = new ArrayList<>();
        List<JsonNode> declared = fields.array(body, "tools", "tools");
        if (declared != null) {
            for (int i = 0; i < declared.size(); i++) {
                String param = "tools[" + i + "]";
                JsonNode tool = declared.get(i);
                if (!tool.isObject()) {
                    throw invalidType(param, "an object");
                }
                String type = fields.requiredString(tool, "type", param + ".type");
                if (!"function".equals(type)) {
                    throw invalid(param + ".type", "tool type '" + type + "' is not supported; use 'function'");
                }
                JsonNode function = tool.get("function");
                if (absent(function) || !function.isObject()) {
                    throw missing(param + ".function");
                }
                tools.add(function(function, param + ".function"));
            }
        }
        List<JsonNode> legacy = fields.array(body, "functions", "functions");
        if (legacy != null) {
            for (int i = 0; i < legacy.size(); i++) {
                if (!legacy.get(i).isObject()) {
                    throw invalidType("functions[" + i + "]", "an object");
                }
                tools.add(function(legacy.get(i), "functions[" + i + "]"));
            }
        }
        return tools;
    }

    private ToolDefinition function(JsonNode function, String param) {
        String name = fields.requiredString(function, "name", param + ".name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid(param + ".name", "function names are 1-64 letters, digits, '_' or '-'");
        }
        return new ToolDefinition(
                name,
                fields.string(function, "description", param + ".description"),
                fields.object(function, "parameters", param + ".parameters"),
                fields.bool(function, "strict", param + ".strict"));
    }

    private Object toolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        String param = "tool_choice";
        if (absent(choice)) {
            choice = body.get("function_call");
            param = "function_call";
            if (absent(choice)) {
                return null;
            }
            if (choice.isObject()) {
                // The legacy {"name": f} becomes today's {"type":"function","function":{"name": f}}.
                String name = fields.requiredString(choice, "name", "function_call.name");
                return Map.of("type", "function", "function", Map.of("name", name));
            }
        }
        if (choice.isTextual()) {
            String mode = choice.textValue();
            if (!Set.of("none", "auto", "required").contains(mode)) {
                throw invalid(
                        param, "'" + param + "' must be 'none', 'auto', 'required' or an object naming a function");
            }
            return mode;
        }
        if (!choice.isObject()) {
            throw invalidType(param, "a string or an object");
        }
        return fields.plain(choice);
    }

    private Map<String, Object> responseFormat(JsonNode body) {
        Map<String, Object> format = fields.object(body, "response_format", "response_format");
        if (format == null) {
            return null;
        }
        Object type = format.get("type");
        if (!(type instanceof String name) || !RESPONSE_FORMATS.contains(name)) {
            throw invalid(
                    "response_format.type", "'response_format.type' must be 'text', 'json_object' or 'json_schema'");
        }
        if ("json_schema".equals(type)
                && !(format.get("json_schema") instanceof Map<?, ?> schema && schema.get("name") instanceof String)) {
            throw missing("response_format.json_schema.name");
        }
        return format;
    }

    private Map<String, Object> extra(JsonNode body) {
        Map<String, Object> extra = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                extra.put(name, fields.plain(body.get(name)));
            }
        });
        extra.values().removeIf(java.util.Objects::isNull);
        return extra;
    }
}
