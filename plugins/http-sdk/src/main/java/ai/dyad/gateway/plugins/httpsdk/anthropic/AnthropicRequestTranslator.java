package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat request as an Anthropic Messages request. OpenAI parameters Anthropic lacks
 * ({@code seed}, penalties, {@code logit_bias}, {@code logprobs}, {@code response_format}) are dropped;
 * {@code n > 1} is refused, as an answer with fewer choices than asked would be wrong. Stateless.
 */
final class AnthropicRequestTranslator {

    /** Anthropic parameters a client may send as extra fields; other extras are OpenAI's and would be refused. */
    private static final Set<String> PASS_THROUGH =
            Set.of("top_k", "thinking", "service_tier", "container", "mcp_servers");

    private final int defaultMaxTokens;

    AnthropicRequestTranslator(int defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    ObjectNode translate(ChatRequest request) {
        if (request.n() != null && request.n() > 1) {
            throw new AdapterException(
                    ErrorKind.INVALID_REQUEST,
                    "Anthropic answers with one choice; n must be 1",
                    "unsupported_parameter",
                    "n",
                    null,
                    null);
        }
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens;
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.put("max_tokens", maxTokens);
        String system = AnthropicMessages.system(request.messages());
        if (system != null) {
            body.put("system", system);
        }
        body.set("messages", AnthropicMessages.messages(request.messages()));
        if (request.stream()) {
            body.put("stream", true);
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        if (request.user() != null) {
            body.putObject("metadata").put("user_id", request.user());
        }
        tools(request, body);
        thinking(request, maxTokens, body);
        for (Map.Entry<String, Object> extra : request.extra().entrySet()) {
            if (PASS_THROUGH.contains(extra.getKey())) {
                body.set(extra.getKey(), Json.toNode(extra.getValue()));
            }
        }
        return body;
    }

    private static void tools(ChatRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            return; // Anthropic refuses a tool_choice without tools
        }
        ArrayNode tools = body.putArray("tools");
        for (ToolDefinition tool : request.tools()) {
            ObjectNode node = tools.addObject();
            node.put("name", tool.name());
            if (tool.description() != null) {
                node.put("description", tool.description());
            }
            JsonNode schema = tool.parameters() == null ? null : Json.toNode(tool.parameters());
            if (schema == null || !schema.isObject()) {
                schema = Json.object().put("type", "object").set("properties", Json.object());
            }
            node.set("input_schema", schema);
        }
        ObjectNode choice = toolChoice(request.toolChoice());
        if (Boolean.FALSE.equals(request.parallelToolCalls())) {
            if (choice == null) {
                choice = Json.object().put("type", "auto");
            }
            if (!"none".equals(choice.path("type").asText())) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    /** {@code auto}→auto, {@code required}→any, {@code none}→none, a named function→tool. */
    private static ObjectNode toolChoice(Object choice) {
        if (choice == null) {
            return null;
        }
        if (choice instanceof String mode) {
            return switch (mode) {
                case "auto" -> Json.object().put("type", "auto");
                case "required" -> Json.object().put("type", "any");
                case "none" -> Json.object().put("type", "none");
                default -> throw badToolChoice();
            };
        }
        JsonNode node = Json.toNode(choice);
        String name = node.path("function").path("name").asText(null);
        if (!"function".equals(node.path("type").asText()) || name == null) {
            throw badToolChoice();
        }
        return Json.object().put("type", "tool").put("name", name);
    }

    /**
     * {@code reasoning_effort} as an extended-thinking budget (low 1 024, medium 4 096, high 16 384 tokens),
     * kept below {@code max_tokens} as Anthropic requires; too small a limit leaves thinking off. A
     * {@code thinking} object sent as an extra field wins.
     */
    private static void thinking(ChatRequest request, int maxTokens, ObjectNode body) {
        if (request.reasoningEffort() == null || request.extra().containsKey("thinking")) {
            return;
        }
        int budget =
                switch (request.reasoningEffort()) {
                    case "low" -> 1024;
                    case "medium" -> 4096;
                    case "high" -> 16384;
                    default -> 0; // none, minimal
                };
        budget = Math.min(budget, maxTokens - 1);
        if (budget >= 1024) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
    }

    private static AdapterException badToolChoice() {
        return new AdapterException(
                ErrorKind.INVALID_REQUEST,
                "tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}",
                "invalid_value",
                "tool_choice",
                null,
                null);
    }
}
