package ai.dyad.gateway.host.providers;

/** A provider an admin asked for that cannot be stored as it is; names the field at fault. */
public final class InvalidProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;
    private final String code;

    public InvalidProviderException(String param, String code, String message) {
        super(message);
        this.param = param;
        this.code = code;
    }

    /** The request field at fault, such as {@code config.command} or {@code models[1].modelId}. */
    public String param() {
        return param;
    }

    /** A stable machine-readable code, such as {@code unknown_adapter_type}. */
    public String code() {
        return code;
    }
}
