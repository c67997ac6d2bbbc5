package ai.dyad.gateway.wire.openai;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The OpenAI {@code /embeddings} body and answer. */
public final class OpenAiEmbeddings {

    private OpenAiEmbeddings() {}

    /**
     * The request body. Always asks for floats: the host encodes the client's {@code encoding_format} itself.
     *
     * @throws AdapterException when the inputs mix texts and token arrays, which no endpoint accepts
     */
    public static ObjectNode encode(EmbeddingRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        ArrayNode input = body.putArray("input");
        boolean texts = request.inputs().getFirst() instanceof EmbeddingInput.Text;
        for (EmbeddingInput item : request.inputs()) {
            switch (item) {
                case EmbeddingInput.Text text when texts -> input.add(text.text());
                case EmbeddingInput.Tokens tokens
                when !texts -> {
                    ArrayNode ids = input.addArray();
                    tokens.tokens().forEach(ids::add);
                }
                default ->
                    throw new AdapterException(
                            ErrorKind.INVALID_REQUEST,
                            "input must be all texts or all token arrays",
                            "invalid_value",
                            "input",
                            null,
                            null);
            }
        }
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        if (request.user() != null) {
            body.put("user", request.user());
        }
        for (Map.Entry<String, Object> extra : request.extra().entrySet()) {
            if (!body.has(extra.getKey())) {
                body.set(extra.getKey(), Json.toNode(extra.getValue()));
            }
        }
        body.put("encoding_format", "float");
        return body;
    }

    /** The vectors in input order; base64 vectors (from servers that ignore the format) are decoded. */
    public static EmbeddingResult decode(JsonNode response, int expected) {
        float[][] vectors = new float[expected][];
        for (JsonNode item : response.path("data")) {
            int index = Json.integer(item, "index");
            if (index < 0 || index >= expected) {
                throw badAnswer("an embedding index out of range");
            }
            vectors[index] = vector(item.path("embedding"));
        }
        List<float[]> ordered = new ArrayList<>(expected);
        for (float[] vector : vectors) {
            if (vector == null) {
                throw badAnswer("fewer embeddings than inputs");
            }
            ordered.add(vector);
        }
        JsonNode usage = response.get("usage");
        return new EmbeddingResult(
                ordered, usage == null || !usage.isObject() ? null : Usage.of(Json.integer(usage, "prompt_tokens"), 0));
    }

    private static float[] vector(JsonNode embedding) {
        if (embedding.isTextual()) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(vector);
            return vector;
        }
        if (!embedding.isArray()) {
            throw badAnswer("an embedding that is not a list of numbers");
        }
        float[] vector = new float[embedding.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) embedding.get(i).asDouble();
        }
        return vector;
    }

    private static AdapterException badAnswer(String what) {
        return new AdapterException(
                ErrorKind.UPSTREAM_ERROR, "the upstream answered with " + what, Json.BAD_RESPONSE, null, null, null);
    }
}
