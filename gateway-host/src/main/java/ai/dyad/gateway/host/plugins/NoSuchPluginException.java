package ai.dyad.gateway.host.plugins;

/** No plugin (or plugin file) with the given id is in the plugins folder. */
public final class NoSuchPluginException extends Exception {

    private static final long serialVersionUID = 1L;

    NoSuchPluginException(String id) {
        super("no plugin with id '" + id + "' is installed");
    }
}
