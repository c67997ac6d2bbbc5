package ai.dyad.gateway.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's config after validation against its {@link ConfigSpec}: defaults applied, types checked,
 * secrets in clear text (so never log {@link #asMap()}; {@link #toString()} masks them).
 */
public final class ProviderSettings {

    private final Map<String, Object> values;
    private final Set<String> secretKeys;

    ProviderSettings(Map<String, Object> values, Set<String> secretKeys) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secretKeys = Set.copyOf(secretKeys);
    }

    /** Settings with no spec behind them; for tests and for adapters built by hand. */
    public static ProviderSettings of(Map<String, Object> values) {
        return new ProviderSettings(values, Set.of());
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable((String) values.get(key));
    }

    public Optional<Long> integer(String key) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(((Number) value).longValue());
    }

    public Optional<Double> number(String key) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(((Number) value).doubleValue());
    }

    public Optional<Boolean> bool(String key) {
        return Optional.ofNullable((Boolean) values.get(key));
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String key) {
        Object value = values.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        return value == null ? Map.of() : (Map<String, String>) value;
    }

    /** All values, secrets in clear text. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        Map<String, Object> masked = new LinkedHashMap<>(values);
        secretKeys.forEach(key -> masked.computeIfPresent(key, (k, v) -> "****"));
        return masked.toString();
    }
}
