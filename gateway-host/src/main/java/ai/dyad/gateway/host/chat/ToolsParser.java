package ai.dyad.gateway.host.chat;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;
import static ai.dyad.gateway.host.http.JsonFields.missing;

import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code tools}, {@code tool_choice} and their legacy forms {@code functions} and {@code function_call},
 * which become today's shapes so adapters handle one form.
 */
final class ToolsParser {

    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> CHOICE_MODES = Set.of("none", "auto", "required");

    private final JsonFields fields;

    ToolsParser(JsonFields fields) {
        this.fields = fields;
    }

    /** Whether the request uses only the legacy {@code functions}; the answer then uses {@code function_call}. */
    boolean usesLegacyFunctions(JsonNode body) {
        return !absent(body.get("functions")) && absent(body.get("tools"));
    }

    List<ToolDefinition> tools(JsonNode body) {
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
                if (absent(function)) {
                    throw missing(param + ".function");
                }
                if (!function.isObject()) {
                    throw invalidType(param + ".function", "an object");
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

    /** {@code tool_choice}, or the legacy {@code function_call} in today's form; {@code null} when neither. */
    Object toolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (!absent(choice)) {
            return modern(choice);
        }
        JsonNode legacy = body.get("function_call");
        if (absent(legacy)) {
            return null;
        }
        if (legacy.isTextual()) {
            return mode(legacy.textValue(), "function_call", Set.of("none", "auto"));
        }
        if (!legacy.isObject()) {
            throw invalidType("function_call", "'none', 'auto' or an object naming a function");
        }
        // The legacy {"name": f} becomes today's {"type":"function","function":{"name": f}}.
        String name = fields.requiredString(legacy, "name", "function_call.name");
        return Map.of("type", "function", "function", Map.of("name", name));
    }

    private Object modern(JsonNode choice) {
        if (choice.isTextual()) {
            return mode(choice.textValue(), "tool_choice", CHOICE_MODES);
        }
        if (!choice.isObject()) {
            throw invalidType("tool_choice", "'none', 'auto', 'required' or an object naming a function");
        }
        String type = fields.requiredString(choice, "type", "tool_choice.type");
        if ("function".equals(type)) {
            JsonNode function = choice.get("function");
            if (absent(function)) {
                throw missing("tool_choice.function");
            }
            if (!function.isObject()) {
                throw invalidType("tool_choice.function", "an object");
            }
            fields.requiredString(function, "name", "tool_choice.function.name");
        }
        // Other object forms (allowed_tools, custom) pass on as sent, for backends that know them.
        return fields.plain(choice);
    }

    private static String mode(String mode, String param, Set<String> allowed) {
        if (!allowed.contains(mode)) {
            throw invalid(
                    param,
                    "'" + mode + "' is not a valid " + param + "; use "
                            + String.join(", ", allowed.stream().sorted().toList())
                            + " or an object naming a function");
        }
        return mode;
    }

    private ToolDefinition function(JsonNode function, String param) {
        String name = fields.requiredString(function, "name", param + ".name");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw invalid(param + ".name", "function names are 1-64 letters, digits, '_' or '-'");
        }
        return new ToolDefinition(
                name,
                fields.string(function, "description", param + ".description"),
                fields.object(function, "parameters", param + ".parameters"),
                fields.bool(function, "strict", param + ".strict"));
    }
}
