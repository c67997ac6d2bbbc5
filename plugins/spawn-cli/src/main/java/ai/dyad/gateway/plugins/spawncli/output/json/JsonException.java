package ai.dyad.gateway.plugins.spawncli.output.json;

/** A line that is not the JSON it should be. */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
