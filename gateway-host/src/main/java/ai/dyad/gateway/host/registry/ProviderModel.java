package ai.dyad.gateway.host.registry;

/**
 * A model a provider serves.
 *
 * @param modelId the name clients ask for
 * @param adapterModelId the name the backend knows it by
 * @param maxTokens the model's completion limit; nullable
 */
public record ProviderModel(String modelId, String adapterModelId, Integer maxTokens, boolean supportsStreaming) {

    /** A streaming model known by the same name on both sides. */
    public static ProviderModel named(String modelId) {
        return new ProviderModel(modelId, modelId, null, true);
    }
}
