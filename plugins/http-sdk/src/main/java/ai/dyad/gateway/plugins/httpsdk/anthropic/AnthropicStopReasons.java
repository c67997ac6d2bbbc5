package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.chat.FinishReason;

/** Anthropic's {@code stop_reason} as an OpenAI finish reason. */
final class AnthropicStopReasons {

    private AnthropicStopReasons() {}

    /** {@code null} for none; unknown reasons count as a normal stop. */
    static FinishReason parse(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn
        };
    }
}
