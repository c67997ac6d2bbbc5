package ai.dyad.gateway.host.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Typed reads of optional JSON fields that fail with an OpenAI 400 naming the parameter, such as
 * {@code messages[2].role}. Absent and {@code null} fields read as {@code null}.
 */
public final class JsonFields {

    private final ObjectMapper json;

    public JsonFields(ObjectMapper json) {
        this.json = json;
    }

    public static ApiException invalid(String param, String message) {
        return ApiError.invalidRequest("invalid_value", param, message).exception();
    }

    public static ApiException invalidType(String param, String expected) {
        return ApiError.invalidRequest("invalid_type", param, "'" + param + "' must be " + expected)
                .exception();
    }

    public static ApiException missing(String param) {
        return ApiError.invalidRequest(
                        "missing_required_parameter", param, "Missing required parameter: '" + param + "'.")
                .exception();
    }

    /** An array with more elements than allowed, as OpenAI reports it. */
    public static ApiException tooMany(String param, int max) {
        return ApiError.invalidRequest(
                        "array_above_max_length",
                        param,
                        "Invalid '" + param + "': array too long. Expected an array with maximum length " + max + ".")
                .exception();
    }

    /** An array that must not be empty, as OpenAI reports it. */
    public static ApiException emptyArray(String param) {
        return ApiError.invalidRequest(
                        "empty_array",
                        param,
                        "Invalid '" + param + "': empty array. Expected an array with minimum length 1.")
                .exception();
    }

    /** A string longer than allowed, as OpenAI reports it. */
    public static ApiException tooLong(String param, int max) {
        return ApiError.invalidRequest(
                        "string_above_max_length",
                        param,
                        "Invalid '" + param + "': string too long. Expected a string with maximum length " + max + ".")
                .exception();
    }

    private static ApiException outOfRange(String code, String param, String what, String expected, JsonNode got) {
        return ApiError.invalidRequest(
                        code,
                        param,
                        "Invalid '" + param + "': " + what + ". Expected a value " + expected + ", but got "
                                + got.asText() + " instead.")
                .exception();
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    public String string(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalidType(param, "a string");
        }
        return node.textValue();
    }

    public String requiredString(JsonNode parent, String field, String param) {
        String value = string(parent, field, param);
        if (value == null) {
            throw missing(param);
        }
        return value;
    }

    public Boolean bool(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalidType(param, "a boolean");
        }
        return node.booleanValue();
    }

    public Integer integer(JsonNode parent, String field, String param, long min, long max) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() && !(node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()))) {
            throw invalidType(param, "an integer");
        }
        if (node.doubleValue() < min) {
            throw outOfRange("integer_below_min_value", param, "integer below minimum value", ">= " + min, node);
        }
        if (!node.canConvertToLong() || node.longValue() > max) {
            throw outOfRange("integer_above_max_value", param, "integer above maximum value", "<= " + max, node);
        }
        long value = node.longValue();
        return (int) value;
    }

    public Long longValue(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalidType(param, "an integer");
        }
        return node.longValue();
    }

    public Double number(JsonNode parent, String field, String param, double min, double max) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalidType(param, "a number");
        }
        double value = node.doubleValue();
        if (value < min) {
            throw outOfRange("decimal_below_min_value", param, "decimal below minimum value", ">= " + min, node);
        }
        if (value > max || Double.isNaN(value)) {
            throw outOfRange("decimal_above_max_value", param, "decimal above maximum value", "<= " + max, node);
        }
        return value;
    }

    /** An object field as plain Java maps and lists. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw invalidType(param, "an object");
        }
        return json.convertValue(node, Map.class);
    }

    /**
     * The body's fields that are not in {@code known}, as plain Java (null values dropped): what a request
     * carries beyond what the gateway understands, handed on to the adapter untouched.
     */
    public Map<String, Object> unknownFields(JsonNode body, Set<String> known) {
        Map<String, Object> unknown = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.put(name, plain(body.get(name)));
            }
        });
        unknown.values().removeIf(Objects::isNull);
        return unknown;
    }

    /** Any JSON value as plain Java. */
    public Object plain(JsonNode node) {
        return absent(node) ? null : json.convertValue(node, Object.class);
    }

    /** The elements of an array field; {@code null} when absent. */
    public List<JsonNode> array(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw invalidType(param, "an array");
        }
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).toList();
    }
}
