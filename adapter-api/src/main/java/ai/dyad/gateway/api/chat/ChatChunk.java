package ai.dyad.gateway.api.chat;

import java.util.List;

/**
 * One increment of an answer: text, reasoning text and/or tool-call pieces for one choice.
 *
 * @param index the choice this chunk belongs to (0 unless the request asked for {@code n > 1})
 * @param content answer text; nullable
 * @param reasoningContent the model's reasoning, sent as {@code delta.reasoning_content}; nullable
 * @param toolCalls tool-call pieces; empty when none
 */
public record ChatChunk(int index, String content, String reasoningContent, List<ToolCallDelta> toolCalls) {

    public ChatChunk {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A chunk of answer text for choice 0. */
    public static ChatChunk text(String content) {
        return new ChatChunk(0, content, null, List.of());
    }

    /** A chunk of reasoning text for choice 0. */
    public static ChatChunk reasoning(String reasoningContent) {
        return new ChatChunk(0, null, reasoningContent, List.of());
    }

    /** A chunk of tool-call pieces for choice 0. */
    public static ChatChunk toolCalls(List<ToolCallDelta> toolCalls) {
        return new ChatChunk(0, null, null, toolCalls);
    }
}
