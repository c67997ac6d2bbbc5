package ai.dyad.gateway.host.embeddings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Writes the {@code /v1/embeddings} answer: {@code object: list} of {@code embedding} objects and usage. In
 * base64 each vector is its float32 values, little-endian, as OpenAI encodes them.
 */
final class EmbeddingsJson {

    private final JsonFactory factory;

    EmbeddingsJson(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(List<float[]> vectors, boolean base64, String model, int promptTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + vectors.size() * 1024);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (int i = 0; i < vectors.size(); i++) {
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                if (base64) {
                    g.writeStringField("embedding", base64(vectors.get(i)));
                } else {
                    g.writeArrayFieldStart("embedding");
                    for (float value : vectors.get(i)) {
                        g.writeNumber(value);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", model);
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", promptTokens);
            g.writeNumberField("total_tokens", promptTokens);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
