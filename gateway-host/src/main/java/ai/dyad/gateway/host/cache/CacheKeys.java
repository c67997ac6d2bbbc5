package ai.dyad.gateway.host.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The cache key of a request: a SHA-256 over the caller's key id and the request in canonical form (object
 * fields sorted, so field order does not matter). Every field that can change the answer is in it (model,
 * messages, sampling, tools, response format, unknown extras); only how the answer is delivered is left out.
 * The key id keeps one key's cached answers from ever reaching another key.
 */
final class CacheKeys {

    private static final Set<String> DELIVERY_ONLY = Set.of("stream", "stream_options");

    private final ObjectMapper json;

    CacheKeys(ObjectMapper json) {
        this.json = json;
    }

    String key(String keyId, JsonNode request) {
        ObjectNode canonical = (ObjectNode) canonical(request);
        canonical.remove(DELIVERY_ONLY);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(keyId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(canonical));
            return "chat:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("hashing a parsed tree cannot fail", e);
        }
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = json.createObjectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        if (node.isNumber()) {
            // 0, 0.0 and 0e0 are the same temperature.
            return json.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
