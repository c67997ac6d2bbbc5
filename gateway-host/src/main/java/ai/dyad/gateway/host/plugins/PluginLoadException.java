package ai.dyad.gateway.host.plugins;

/** A plugin jar that could not be loaded or started; the message says why, for the plugin list. */
final class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    PluginLoadException(String message) {
        super(message);
    }

    PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
