package ai.dyad.gateway.host.chat;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;
import static ai.dyad.gateway.host.http.JsonFields.missing;
import static ai.dyad.gateway.host.http.JsonFields.tooLong;
import static ai.dyad.gateway.host.http.JsonFields.tooMany;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code /v1/chat/completions} body into a {@link ChatRequest}: everything today's
 * OpenAI clients send, each mistake reported with the parameter's path and OpenAI's error code. Unknown
 * fields are kept in {@link ChatRequest#extra()}, never rejected. The one place chat input is validated;
 * whether the chosen adapter can serve it is {@link CapabilityCheck}'s question.
 */
final class ChatRequestParser {

    /**
     * The parsed request (its model still the client's name) and how to answer it.
     *
     * @param includeUsage the client streams and asked for a separate usage chunk
     * @param legacyFunctions the client declared legacy {@code functions} (not {@code tools}), so the answer
     *     uses {@code function_call} as in the old API
     */
    record Parsed(ChatRequest request, boolean includeUsage, boolean legacyFunctions) {}

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
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN_ID = Pattern.compile("\\d{1,10}");
    private static final int MAX_STOP = 4;
    private static final int MAX_METADATA = 16;

    private final JsonFields fields;
    private final MessageParser messages;
    private final ToolsParser tools;

    ChatRequestParser(JsonFields fields) {
        this.fields = fields;
        this.messages = new MessageParser(fields);
        this.tools = new ToolsParser(fields);
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
        Boolean logprobs = fields.bool(body, "logprobs", "logprobs");
        Integer topLogprobs = fields.integer(body, "top_logprobs", "top_logprobs", 0, 20);
        if (topLogprobs != null && !Boolean.TRUE.equals(logprobs)) {
            throw invalid("top_logprobs", "'top_logprobs' requires 'logprobs' to be true");
        }
        String reasoningEffort = fields.string(body, "reasoning_effort", "reasoning_effort");
        if (reasoningEffort != null && reasoningEffort.isBlank()) {
            throw invalid("reasoning_effort", "'reasoning_effort' must not be empty");
        }
        ChatRequest request = ChatRequest.builder(model, conversation).stream(stream)
                .maxTokens(maxCompletion != null ? maxCompletion : maxTokens)
                .temperature(fields.number(body, "temperature", "temperature", 0, 2))
                .topP(fields.number(body, "top_p", "top_p", 0, 1))
                .n(fields.integer(body, "n", "n", 1, 128))
                .stop(stop(body))
                .seed(fields.longValue(body, "seed", "seed"))
                .presencePenalty(fields.number(body, "presence_penalty", "presence_penalty", -2, 2))
                .frequencyPenalty(fields.number(body, "frequency_penalty", "frequency_penalty", -2, 2))
                .logitBias(logitBias(body))
                .logprobs(logprobs)
                .topLogprobs(topLogprobs)
                .user(fields.string(body, "user", "user"))
                .metadata(metadata(body))
                .store(fields.bool(body, "store", "store"))
                .reasoningEffort(reasoningEffort)
                .tools(tools.tools(body))
                .toolChoice(tools.toolChoice(body))
                .parallelToolCalls(fields.bool(body, "parallel_tool_calls", "parallel_tool_calls"))
                .responseFormat(responseFormat(body))
                .extra(fields.unknownFields(body, KNOWN))
                .build();
        return new Parsed(request, stream && includeUsage(body), tools.usesLegacyFunctions(body));
    }

    private boolean includeUsage(JsonNode body) {
        JsonNode options = body.get("stream_options");
        if (absent(options)) {
            return false;
        }
        if (!options.isObject()) {
            throw invalidType("stream_options", "an object");
        }
        return Boolean.TRUE.equals(fields.bool(options, "include_usage", "stream_options.include_usage"));
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
        if (stop.size() > MAX_STOP) {
            throw tooMany("stop", MAX_STOP);
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

    private Map<String, Object> logitBias(JsonNode body) {
        JsonNode bias = body.get("logit_bias");
        if (absent(bias)) {
            return null;
        }
        if (!bias.isObject()) {
            throw invalidType("logit_bias", "an object mapping token ids to numbers");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : bias.properties()) {
            String param = "logit_bias." + entry.getKey();
            if (!TOKEN_ID.matcher(entry.getKey()).matches()) {
                throw invalid(param, "logit_bias keys must be token ids (non-negative integers)");
            }
            if (absent(entry.getValue())) {
                throw invalidType(param, "a number");
            }
            fields.number(bias, entry.getKey(), param, -100, 100);
            values.put(entry.getKey(), fields.plain(entry.getValue()));
        }
        return values;
    }

    private Map<String, Object> metadata(JsonNode body) {
        JsonNode metadata = body.get("metadata");
        if (absent(metadata)) {
            return null;
        }
        if (!metadata.isObject()) {
            throw invalidType("metadata", "an object of string values");
        }
        if (metadata.size() > MAX_METADATA) {
            throw invalid("metadata", "'metadata' holds at most " + MAX_METADATA + " key-value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            String param = "metadata." + entry.getKey();
            if (entry.getKey().length() > 64) {
                throw tooLong("metadata keys", 64);
            }
            String value = fields.requiredString(metadata, entry.getKey(), param);
            if (value.length() > 512) {
                throw tooLong(param, 512);
            }
            values.put(entry.getKey(), value);
        }
        return values;
    }

    private Map<String, Object> responseFormat(JsonNode body) {
        JsonNode format = body.get("response_format");
        if (absent(format)) {
            return null;
        }
        if (!format.isObject()) {
            throw invalidType("response_format", "an object");
        }
        String type = fields.requiredString(format, "type", "response_format.type");
        if (!RESPONSE_FORMATS.contains(type)) {
            throw invalid(
                    "response_format.type",
                    "'" + type + "' is not a response format; use 'text', 'json_object' or 'json_schema'");
        }
        if ("json_schema".equals(type)) {
            JsonNode schema = format.get("json_schema");
            if (absent(schema)) {
                throw missing("response_format.json_schema");
            }
            if (!schema.isObject()) {
                throw invalidType("response_format.json_schema", "an object");
            }
            String name = fields.requiredString(schema, "name", "response_format.json_schema.name");
            if (!SCHEMA_NAME.matcher(name).matches()) {
                throw invalid("response_format.json_schema.name", "schema names are 1-64 letters, digits, '_' or '-'");
            }
            fields.object(schema, "schema", "response_format.json_schema.schema");
            fields.bool(schema, "strict", "response_format.json_schema.strict");
            fields.string(schema, "description", "response_format.json_schema.description");
        }
        return fields.object(body, "response_format", "response_format");
    }
}
