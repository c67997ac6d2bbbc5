package ai.dyad.gateway.api.chat;

/**
 * Token counts of one call.
 *
 * @param cachedTokens prompt tokens served from the backend's cache, included in {@code promptTokens}
 * @param reasoningTokens completion tokens spent on reasoning, included in {@code completionTokens}
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens) {

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    /** Usage with only the two main counts. */
    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, 0, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
