package ai.dyad.gateway.plugins.local.ollama;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Ollama's {@code /api/embed} body and answer. */
final class OllamaEmbeddings {

    private OllamaEmbeddings() {}

    static ObjectNode encode(EmbeddingRequest request, OllamaOptions options) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode input = body.putArray("input");
        for (EmbeddingInput item : request.inputs()) {
            if (!(item instanceof EmbeddingInput.Text text)) {
                throw new AdapterException(
                        ErrorKind.INVALID_REQUEST,
                        "Ollama embeds texts only, not token arrays",
                        "unsupported_input",
                        "input",
                        null,
                        null);
            }
            input.add(text.text());
        }
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        if (request.extra().get("truncate") instanceof Boolean truncate) {
            body.put("truncate", truncate);
        }
        if (options.keepAlive() != null) {
            body.put("keep_alive", options.keepAlive());
        }
        return body;
    }

    static EmbeddingResult decode(JsonNode response, int expected) {
        JsonNode embeddings = response.path("embeddings");
        if (embeddings.size() != expected) {
            throw new AdapterException(
                    ErrorKind.UPSTREAM_ERROR,
                    "Ollama answered with " + embeddings.size() + " embeddings for " + expected + " inputs",
                    Json.BAD_RESPONSE,
                    null,
                    null,
                    null);
        }
        List<float[]> vectors = new ArrayList<>(expected);
        for (JsonNode embedding : embeddings) {
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) embedding.get(i).asDouble();
            }
            vectors.add(vector);
        }
        Usage usage =
                response.has("prompt_eval_count") ? Usage.of(Json.integer(response, "prompt_eval_count"), 0) : null;
        return new EmbeddingResult(vectors, usage);
    }
}
