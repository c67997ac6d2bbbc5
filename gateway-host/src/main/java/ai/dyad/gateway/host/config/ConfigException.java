package ai.dyad.gateway.host.config;

/** A configuration value the gateway cannot start with; the message is one line naming the variable. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
