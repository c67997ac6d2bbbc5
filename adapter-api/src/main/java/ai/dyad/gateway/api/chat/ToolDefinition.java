package ai.dyad.gateway.api.chat;

import java.util.Map;

/**
 * A function the model may call.
 *
 * @param description nullable
 * @param parameters the JSON schema of the arguments, as plain Java values; nullable
 * @param strict nullable
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict) {}
