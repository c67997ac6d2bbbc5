package ai.dyad.gateway.host.providers.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.registry.ProviderModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A provider's model in the admin API, both ways. New model fields (aliases, wildcards, ...) are added here
 * and in {@link ProviderModel}, nowhere else.
 */
final class ProviderModelJson {

    private static final Set<String> FIELDS = Set.of("modelId", "adapterModelId", "maxTokens", "supportsStreaming");
    private static final int MAX_ID_LENGTH = 256;

    private final JsonFields fields;

    ProviderModelJson(JsonFields fields) {
        this.fields = fields;
    }

    static Map<String, Object> toJson(ProviderModel model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("modelId", model.modelId());
        json.put("adapterModelId", model.adapterModelId());
        json.put("maxTokens", model.maxTokens());
        json.put("supportsStreaming", model.supportsStreaming());
        return json;
    }

    /** One element of {@code models}; {@code param} is its path, such as {@code models[2]}. */
    ProviderModel parse(JsonNode node, String param) {
        if (!node.isObject()) {
            throw JsonFields.invalidType(param, "an object with a modelId");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw ApiError.invalidRequest(
                                "unknown_parameter",
                                param + "." + name,
                                "unknown field '" + name + "' in " + param + "; allowed: modelId, adapterModelId,"
                                        + " maxTokens, supportsStreaming")
                        .exception();
            }
        });
        String modelId = id(node, "modelId", param + ".modelId", true);
        String adapterModelId = id(node, "adapterModelId", param + ".adapterModelId", false);
        Integer maxTokens = fields.integer(node, "maxTokens", param + ".maxTokens", 1, 100_000_000);
        Boolean streaming = fields.bool(node, "supportsStreaming", param + ".supportsStreaming");
        return new ProviderModel(
                modelId, adapterModelId == null ? modelId : adapterModelId, maxTokens, streaming == null || streaming);
    }

    private String id(JsonNode node, String field, String param, boolean required) {
        String value = required ? fields.requiredString(node, field, param) : fields.string(node, field, param);
        if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
            throw JsonFields.invalid(param, "'" + param + "' must be 1 to " + MAX_ID_LENGTH + " characters, not blank");
        }
        return value;
    }
}
