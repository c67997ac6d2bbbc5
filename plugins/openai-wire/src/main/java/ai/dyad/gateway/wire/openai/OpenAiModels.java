package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads an OpenAI-style model list ({@code {"data":[{"id":…}]}}), as {@code /v1/models} answers. */
public final class OpenAiModels {

    private OpenAiModels() {}

    public static List<ModelInfo> decode(JsonNode list) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : list.path("data")) {
            String id = Json.string(model, "id");
            if (id != null) {
                // The list says nothing about capabilities; an embedding model at least names itself.
                boolean embeds = id.toLowerCase(Locale.ROOT).contains("embed");
                Integer context = contextWindow(model);
                models.add(new ModelInfo(id, context, !embeds, false, false, embeds));
            }
        }
        return List.copyOf(models);
    }

    /** vLLM reports {@code max_model_len}, some servers {@code context_length}; most say nothing. */
    private static Integer contextWindow(JsonNode model) {
        for (String field : List.of("max_model_len", "context_length", "context_window")) {
            int value = Json.integer(model, field);
            if (value > 0) {
                return value;
            }
        }
        return null;
    }
}
