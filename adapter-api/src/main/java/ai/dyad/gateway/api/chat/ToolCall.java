package ai.dyad.gateway.api.chat;

/**
 * A complete function call made by the assistant.
 *
 * @param id the call id that the {@code tool} message answering it names
 * @param arguments the arguments as a JSON text
 */
public record ToolCall(String id, String name, String arguments) {}
