package ai.dyad.gateway.api.chat;

/**
 * A piece of a streamed tool call. The first piece of a call carries its {@code id} and {@code name}; later
 * pieces with the same {@code index} carry only further fragments of {@code arguments}.
 *
 * @param index the position of the call among this answer's calls; stable across pieces
 * @param id nullable after the first piece
 * @param name nullable after the first piece
 * @param arguments a fragment of the JSON arguments; nullable
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {}
