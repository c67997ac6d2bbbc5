package ai.dyad.gateway.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provider config an adapter type accepts. The host validates every provider's config against it
 * before creating an adapter, and shows it in the admin API.
 */
public final class ConfigSpec {

    private final Map<String, ConfigField> fields;

    private ConfigSpec(List<ConfigField> fields) {
        Map<String, ConfigField> byName = new LinkedHashMap<>();
        for (ConfigField field : fields) {
            if (byName.put(field.name(), field) != null) {
                throw new IllegalArgumentException("config field '" + field.name() + "' declared twice");
            }
        }
        this.fields = byName;
    }

    public static ConfigSpec of(ConfigField... fields) {
        return new ConfigSpec(List.of(fields));
    }

    /** A spec that also accepts the fields of {@code other}; fields of this spec come first. */
    public ConfigSpec plus(ConfigSpec other) {
        List<ConfigField> all = new ArrayList<>(fields.values());
        all.addAll(other.fields());
        return new ConfigSpec(all);
    }

    public List<ConfigField> fields() {
        return List.copyOf(fields.values());
    }

    /** Names of the fields marked secret. */
    public Set<String> secretFields() {
        return fields.values().stream()
                .filter(ConfigField::secret)
                .map(ConfigField::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks a raw config (as parsed from JSON) and returns it with defaults applied.
     *
     * @throws InvalidConfigException naming the first unknown, missing or mistyped field
     */
    public ProviderSettings validate(Map<String, Object> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            ConfigField field = fields.get(entry.getKey());
            if (field == null) {
                throw new InvalidConfigException(
                        entry.getKey(),
                        "unknown config key '" + entry.getKey() + "'; allowed: " + String.join(", ", fields.keySet()));
            }
            if (entry.getValue() != null) {
                values.put(field.name(), FieldValues.check(field, entry.getValue()));
            }
        }
        for (ConfigField field : fields.values()) {
            if (!values.containsKey(field.name())) {
                if (field.required()) {
                    throw new InvalidConfigException(
                            field.name(), "config key '" + field.name() + "' is required: " + field.description());
                }
                if (field.defaultValue() != null) {
                    values.put(field.name(), field.defaultValue());
                }
            }
        }
        return new ProviderSettings(values, secretFields());
    }
}
