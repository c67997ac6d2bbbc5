package ai.dyad.gateway.host.plugins;

/** A file that cannot be a plugin of this gateway: not a jar, no plugin manifest, an unusable id or version. */
public final class InvalidPluginException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidPluginException(String message) {
        super(message);
    }
}
