package ai.dyad.gateway.api.chat;

import java.util.List;

/**
 * One increment of an answer: text, reasoning text and/or tool-call pieces for one choice.
 *
 * @param index the choice this chunk belongs to (0 unless the request asked for {@code n > 1})
 * @param content answer text; nullable
 * @param reasoningContent the model's reasoning, sent as {@code delta.reasoning_content}; nullable
 * @param toolCalls tool-call pieces; empty when none
 * @param logprobs the log probabilities of this chunk's content tokens; empty when none (the request did not
 *     ask, or the backend does not report them)
 */
public record ChatChunk(
        int index,
        String content,
        String reasoningContent,
        List<ToolCallDelta> toolCalls,
        List<TokenLogprob> logprobs) {

    public ChatChunk {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** A chunk without log probabilities (the form of API 1.0). */
    public ChatChunk(int index, String content, String reasoningContent, List<ToolCallDelta> toolCalls) {
        this(index, content, reasoningContent, toolCalls, List.of());
    }

    /** This chunk carrying the given log probabilities. */
    public ChatChunk withLogprobs(List<TokenLogprob> tokenLogprobs) {
        return new ChatChunk(index, content, reasoningContent, toolCalls, tokenLogprobs);
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
