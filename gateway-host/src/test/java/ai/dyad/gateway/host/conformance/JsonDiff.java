package ai.dyad.gateway.host.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Field-by-field comparison of two JSON documents, reporting every difference with its path. Numbers are
 * compared by value ({@code 1} equals {@code 1.0}), and equal when they are the same float32 (embeddings are
 * float32 by contract). Fields whose path (such as {@code $.id}) is a key of {@code shapeOnly} are checked by a
 * predicate instead of by value.
 */
final class JsonDiff {

    private final Map<String, BiPredicate<JsonNode, JsonNode>> shapeOnly;
    private final List<String> differences = new ArrayList<>();

    private JsonDiff(Map<String, BiPredicate<JsonNode, JsonNode>> shapeOnly) {
        this.shapeOnly = shapeOnly;
    }

    /** Differences between {@code expected} and {@code actual}; empty when they match. */
    static List<String> of(JsonNode expected, JsonNode actual) {
        return of(expected, actual, Map.of());
    }

    /**
     * As {@link #of(JsonNode, JsonNode)}, but a field whose path is a key of {@code shapeOnly} matches when the
     * predicate accepts (expected, actual).
     */
    static List<String> of(JsonNode expected, JsonNode actual, Map<String, BiPredicate<JsonNode, JsonNode>> shapeOnly) {
        JsonDiff diff = new JsonDiff(shapeOnly);
        diff.compare("$", expected, actual);
        return diff.differences;
    }

    private void compare(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            if (!sameNumber(expected, actual)) {
                differences.add(path + ": expected " + expected + " but was " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path + "." + name;
                if (!expected.has(name)) {
                    differences.add(child + ": not expected, but was " + actual.get(name));
                } else if (!actual.has(name)) {
                    differences.add(child + ": missing (expected " + expected.get(name) + ")");
                } else if (shapeOnly.containsKey(child)) {
                    if (!shapeOnly.get(child).test(expected.get(name), actual.get(name))) {
                        differences.add(
                                child + ": " + actual.get(name) + " does not have the shape of " + expected.get(name));
                    }
                } else {
                    compare(child, expected.get(name), actual.get(name));
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": expected " + expected.size() + " elements but was " + actual.size());
                return;
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                compare(path + "[" + i + "]", e.next(), a.next());
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + expected + " but was " + actual);
        }
    }

    private static boolean sameNumber(JsonNode expected, JsonNode actual) {
        BigDecimal e = expected.decimalValue();
        BigDecimal a = actual.decimalValue();
        return e.compareTo(a) == 0 || expected.floatValue() == actual.floatValue() && !expected.isIntegralNumber();
    }
}
