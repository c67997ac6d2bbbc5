package ai.dyad.gateway.api.models;

/**
 * A model a backend offers.
 *
 * @param id the backend's model id
 * @param contextWindow the context size in tokens; nullable when unknown
 * @param supportsStreaming whether the backend streams this model's answers
 * @param supportsImages whether the model accepts image content parts
 * @param supportsTools whether the model can call tools
 * @param supportsEmbeddings whether the model embeds texts
 */
public record ModelInfo(
        String id,
        Integer contextWindow,
        boolean supportsStreaming,
        boolean supportsImages,
        boolean supportsTools,
        boolean supportsEmbeddings) {

    /** A chat model that streams text, with no further capabilities known. */
    public static ModelInfo chat(String id) {
        return new ModelInfo(id, null, true, false, false, false);
    }
}
