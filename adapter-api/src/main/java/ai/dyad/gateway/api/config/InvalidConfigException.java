package ai.dyad.gateway.api.config;

/** A provider config that does not match its adapter type's {@link ConfigSpec}; names the field at fault. */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The config key at fault, such as {@code command}. */
    public String field() {
        return field;
    }
}
