package ai.dyad.gateway.api.embeddings;

import java.util.List;
import java.util.Map;

/**
 * An embeddings request. The host encodes the result as the client asked ({@code float} or {@code base64}),
 * so adapters always return floats.
 *
 * @param model the backend's own model id
 * @param inputs at least one input
 * @param dimensions the requested vector size; nullable
 * @param user nullable
 * @param extra fields this API does not model, as sent
 */
public record EmbeddingRequest(
        String model, List<EmbeddingInput> inputs, Integer dimensions, String user, Map<String, Object> extra) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
