package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.chat.FinishReason;

/** Reads OpenAI finish reasons, including the legacy and vendor-specific ones seen from compatible servers. */
public final class OpenAiFinishReasons {

    private OpenAiFinishReasons() {}

    /** The finish reason for a wire name; {@code null} for none. Unknown names count as a normal stop. */
    public static FinishReason parse(String wireName) {
        if (wireName == null) {
            return null;
        }
        return switch (wireName) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }
}
