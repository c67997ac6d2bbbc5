package ai.dyad.gateway.plugins.local.ollama;

import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads Ollama's {@code /api/tags} list of installed models. */
final class OllamaModels {

    private OllamaModels() {}

    static List<ModelInfo> decode(JsonNode tags) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : tags.path("models")) {
            String name = Json.string(model, "name");
            if (name == null) {
                name = Json.string(model, "model");
            }
            if (name != null) {
                boolean embeds = isEmbedding(name, model.path("details"));
                models.add(new ModelInfo(name, null, !embeds, false, false, embeds));
            }
        }
        return List.copyOf(models);
    }

    /** The tags say nothing of capabilities; embedding models are BERT-family or carry "embed" in the name. */
    private static boolean isEmbedding(String name, JsonNode details) {
        if (name.toLowerCase(Locale.ROOT).contains("embed")) {
            return true;
        }
        String family = Json.string(details, "family");
        if (family != null && family.toLowerCase(Locale.ROOT).contains("bert")) {
            return true;
        }
        for (JsonNode f : details.path("families")) {
            if (f.asText().toLowerCase(Locale.ROOT).contains("bert")) {
                return true;
            }
        }
        return false;
    }
}
