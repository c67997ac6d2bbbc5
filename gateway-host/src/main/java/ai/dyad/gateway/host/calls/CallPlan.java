package ai.dyad.gateway.host.calls;

/**
 * What a call is about to ask of a provider, known before it runs.
 *
 * @param model the model id as the client named it
 * @param promptTokens the estimated prompt (or embedding input) tokens
 * @param maxCompletionTokens the client's completion bound ({@code max_tokens}); nullable when unbounded
 */
public record CallPlan(String model, long promptTokens, Integer maxCompletionTokens) {

    /** The tokens the call may use at most, as far as is known before it runs. */
    public long estimatedTokens() {
        return promptTokens + (maxCompletionTokens == null ? 0 : maxCompletionTokens);
    }
}
