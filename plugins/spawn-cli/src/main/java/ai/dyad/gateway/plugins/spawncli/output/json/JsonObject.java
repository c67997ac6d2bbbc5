package ai.dyad.gateway.plugins.spawncli.output.json;

import java.util.List;
import java.util.Map;

/**
 * Read-only, null-safe access to a parsed JSON object. A missing or mistyped member reads as absent (an empty
 * object, a {@code null} string or number), because CLI events vary by version and a parser should skip what it
 * does not know rather than fail the answer.
 */
public final class JsonObject {

    private static final JsonObject EMPTY = new JsonObject(Map.of());

    private final Map<?, ?> members;

    private JsonObject(Map<?, ?> members) {
        this.members = members;
    }

    static JsonObject wrap(Map<?, ?> members) {
        return new JsonObject(members);
    }

    /** Whether the member exists (even with a {@code null} value). */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The member as an object; an empty object when it is missing or not an object. */
    public JsonObject object(String key) {
        return members.get(key) instanceof Map<?, ?> map ? new JsonObject(map) : EMPTY;
    }

    /** The object elements of an array member, skipping other elements; empty when missing. */
    public List<JsonObject> objects(String key) {
        if (!(members.get(key) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(element -> new JsonObject((Map<?, ?>) element))
                .toList();
    }

    /** The member as a string; {@code null} when missing or not a string. */
    public String string(String key) {
        return members.get(key) instanceof String s ? s : null;
    }

    /** The member as a whole number; {@code null} when missing, not a number or fractional. */
    public Long integer(String key) {
        Object value = members.get(key);
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return null;
    }

    /** The member as a number; {@code null} when missing or not a number. */
    public Double number(String key) {
        return members.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** Whether the member is the JSON literal {@code true}. */
    public boolean isTrue(String key) {
        return Boolean.TRUE.equals(members.get(key));
    }
}
