package ai.dyad.gateway.host.providers.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): objects merge key by key, {@code null} removes a key, anything else (arrays
 * included) replaces. So a PATCH of {@code {"config":{"apiKey":"new"}}} changes one config key and keeps the
 * others, and {@code {"models":[...]}} replaces the whole list.
 */
final class MergePatch {

    private MergePatch() {}

    /** {@code target} with {@code patch} applied; {@code target} is changed in place and returned. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result =
                target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), apply(result.get(entry.getKey()), entry.getValue()));
            }
        });
        return result;
    }
}
