package ai.dyad.gateway.api.embeddings;

import ai.dyad.gateway.api.chat.Usage;
import java.util.List;

/**
 * Vectors in the order of the request's inputs.
 *
 * @param usage nullable when the backend reports none; the host estimates then
 */
public record EmbeddingResult(List<float[]> vectors, Usage usage) {

    public EmbeddingResult {
        vectors = List.copyOf(vectors);
    }
}
