package ai.dyad.gateway.api.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Type checks of single config values. */
final class FieldValues {

    private FieldValues() {}

    static Object check(ConfigField field, Object value) {
        Object checked =
                switch (field.type()) {
                    case STRING -> value instanceof String ? value : null;
                    case INTEGER -> asLong(value);
                    case NUMBER -> value instanceof Number n ? n.doubleValue() : null;
                    case BOOLEAN -> value instanceof Boolean ? value : null;
                    case STRING_LIST -> asStringList(value);
                    case STRING_MAP -> asStringMap(value);
                };
        if (checked == null) {
            throw new InvalidConfigException(
                    field.name(),
                    "config key '" + field.name() + "' must be " + field.type().description());
        }
        if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(checked)) {
            throw new InvalidConfigException(
                    field.name(),
                    "config key '" + field.name() + "' must be one of " + String.join(", ", field.allowedValues()));
        }
        return checked;
    }

    private static Long asLong(Object value) {
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            BigDecimal decimal = new BigDecimal(n.toString());
            return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValue() : null;
        }
        return null;
    }

    private static List<String> asStringList(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            return null;
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static Map<String, String> asStringMap(Object value) {
        if (!(value instanceof Map<?, ?> map) || !map.values().stream().allMatch(String.class::isInstance)) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), (String) v));
        return copy;
    }
}
