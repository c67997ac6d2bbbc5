package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.InvalidConfigException;

/**
 * An adapter type as one loaded plugin version provides it. Each plugin version yields new instances, so
 * comparing two by identity tells whether an adapter was made by the version now installed.
 */
public final class AdapterType {

    private final LoadedPlugin plugin;
    private final AdapterFactory factory;
    private final String type;

    AdapterType(LoadedPlugin plugin, AdapterFactory factory, String type) {
        this.plugin = plugin;
        this.factory = factory;
        this.type = type;
    }

    public String type() {
        return type;
    }

    public String pluginId() {
        return plugin.jar().id();
    }

    public String pluginVersion() {
        return plugin.jar().version();
    }

    /**
     * The provider config this type accepts.
     *
     * @throws AdapterException of kind INTERNAL if the plugin's factory fails to say
     */
    public ConfigSpec configSpec() {
        try {
            return plugin.call(factory::configSpec);
        } catch (RuntimeException e) {
            throw pluginFailure("configSpec()", e);
        }
    }

    /**
     * Creates an adapter for one provider; closing it releases this plugin version, which may then unload.
     *
     * @throws AdapterException or {@link InvalidConfigException} as the factory reports them, INTERNAL for any
     *     other failure, UNAVAILABLE if this plugin version is being replaced
     */
    public ModelAdapter create(AdapterContext context) {
        if (!plugin.retain()) {
            throw new AdapterException(
                    ErrorKind.UNAVAILABLE, "plugin " + pluginId() + " " + pluginVersion() + " is being replaced");
        }
        try {
            ModelAdapter adapter = plugin.call(() -> factory.create(context));
            if (adapter == null) {
                throw new AdapterException(
                        ErrorKind.INTERNAL, "the factory of adapter type '" + type + "' returned null");
            }
            return new PluginAdapter(adapter, plugin);
        } catch (AdapterException | InvalidConfigException e) {
            plugin.release();
            throw e;
        } catch (RuntimeException | LinkageError e) {
            plugin.release();
            throw pluginFailure("create()", e);
        }
    }

    /** The class loader of the plugin version behind this type; for diagnostics and tests. */
    ClassLoader classLoader() {
        return plugin.classLoader();
    }

    private AdapterException pluginFailure(String method, Throwable e) {
        return new AdapterException(
                ErrorKind.INTERNAL,
                "plugin " + pluginId() + " " + pluginVersion() + " failed in " + method + " of adapter type '" + type
                        + "': " + LoadedPlugin.describe(e),
                e);
    }
}
