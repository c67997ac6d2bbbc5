package ai.dyad.gateway.host.plugins;

/** Where a plugin stands, as the plugin list shows it. */
public enum PluginStatus {
    /** Loaded and started; its adapter types serve requests. */
    STARTED,
    /** Switched off by an operator; its jar stays in the folder. */
    DISABLED,
    /** Its jar is a plugin, but it could not be loaded or started; the error says why. */
    FAILED,
    /** The file is not a plugin jar (or not yet a complete one); listed under its file name. */
    INVALID
}
