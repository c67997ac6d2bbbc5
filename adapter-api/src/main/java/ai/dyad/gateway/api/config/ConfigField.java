package ai.dyad.gateway.api.config;

import java.util.List;
import java.util.Objects;

/**
 * One key of a provider config. Build with the static factories, then refine with the {@code with}-style
 * methods, each of which returns a new field:
 *
 * <pre>{@code ConfigField.string("apiKey", "The vendor API key").asRequired().asSecret()}</pre>
 *
 * @param defaultValue the value used when the key is absent; nullable
 * @param secret whether the value is a credential: encrypted at rest, masked in every response and log
 * @param allowedValues for strings, the only values accepted; empty when any string is
 */
public record ConfigField(
        String name,
        FieldType type,
        String description,
        boolean required,
        Object defaultValue,
        boolean secret,
        List<String> allowedValues) {

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
    }

    public static ConfigField of(String name, FieldType type, String description) {
        return new ConfigField(name, type, description, false, null, false, List.of());
    }

    public static ConfigField string(String name, String description) {
        return of(name, FieldType.STRING, description);
    }

    public static ConfigField integer(String name, String description) {
        return of(name, FieldType.INTEGER, description);
    }

    public static ConfigField bool(String name, String description) {
        return of(name, FieldType.BOOLEAN, description);
    }

    public static ConfigField stringList(String name, String description) {
        return of(name, FieldType.STRING_LIST, description);
    }

    public static ConfigField stringMap(String name, String description) {
        return of(name, FieldType.STRING_MAP, description);
    }

    /** This field, required. */
    public ConfigField asRequired() {
        return new ConfigField(name, type, description, true, defaultValue, secret, allowedValues);
    }

    /** This field, marked as a credential. */
    public ConfigField asSecret() {
        return new ConfigField(name, type, description, required, defaultValue, true, allowedValues);
    }

    /** This field with a default. */
    public ConfigField withDefault(Object value) {
        return new ConfigField(name, type, description, required, value, secret, allowedValues);
    }

    /** This string field, limited to the given values. */
    public ConfigField oneOf(String... values) {
        return new ConfigField(name, type, description, required, defaultValue, secret, List.of(values));
    }
}
