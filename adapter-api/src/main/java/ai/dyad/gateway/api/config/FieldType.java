package ai.dyad.gateway.api.config;

/** The JSON type a provider config field must have. */
public enum FieldType {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings"),
    STRING_MAP("an object of string values");

    private final String description;

    FieldType(String description) {
        this.description = description;
    }

    /** How the type reads in an error message, such as {@code a list of strings}. */
    public String description() {
        return description;
    }
}
