package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads Anthropic's model list ({@code {"data":[{"type":"model","id":…}]}}). */
final class AnthropicModels {

    private AnthropicModels() {}

    /** Every current Claude model streams, reads images and calls tools; none embeds. */
    static List<ModelInfo> decode(JsonNode list) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : list.path("data")) {
            String id = Json.string(model, "id");
            if (id != null) {
                models.add(new ModelInfo(id, null, true, true, true, false));
            }
        }
        return List.copyOf(models);
    }
}
