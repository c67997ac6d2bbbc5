package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.AdapterFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the adapter plugins from the plugins folder and tells which adapter types they provide. */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager manager;
    private volatile Map<String, AdapterFactory> factories = Map.of();

    private PluginHost(PluginManager manager) {
        this.manager = manager;
    }

    /** Loads and starts every plugin jar in {@code pluginsDir}. A plugin that fails is reported, not fatal. */
    public static PluginHost start(Path pluginsDir) {
        try {
            Files.createDirectories(pluginsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create PLUGINS_DIR " + pluginsDir, e);
        }
        PluginHost host = new PluginHost(new GatewayPluginManager(pluginsDir));
        host.manager.loadPlugins();
        host.manager.startPlugins();
        host.refreshFactories();
        return host;
    }

    /** The factory for an adapter type, if a started plugin provides it. */
    public Optional<AdapterFactory> factory(String type) {
        return Optional.ofNullable(factories.get(type));
    }

    /** The installed adapter types, sorted. */
    public java.util.Set<String> types() {
        return factories.keySet();
    }

    /** How many plugins are in each PF4J state ({@code started}, {@code failed}, ...), for metrics. */
    public Map<String, Integer> countsByState() {
        Map<String, Integer> counts = new TreeMap<>();
        for (org.pf4j.PluginState state : org.pf4j.PluginState.values()) {
            counts.put(state.name().toLowerCase(java.util.Locale.ROOT), 0);
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            counts.merge(plugin.getPluginState().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }

    private void refreshFactories() {
        Map<String, AdapterFactory> found = new TreeMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (AdapterFactory factory : manager.getExtensions(AdapterFactory.class, plugin.getPluginId())) {
                AdapterFactory previous = found.putIfAbsent(factory.type(), factory);
                if (previous != null) {
                    LOG.warn(
                            "adapter type '{}' of plugin {} ignored: already provided",
                            factory.type(),
                            plugin.getPluginId());
                }
            }
            LOG.info(
                    "plugin {} {} started",
                    plugin.getPluginId(),
                    plugin.getDescriptor().getVersion());
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getFailedException() != null) {
                LOG.error(
                        "plugin {} failed: {}",
                        plugin.getPluginId(),
                        plugin.getFailedException().getMessage());
            }
        }
        factories = Map.copyOf(found);
    }

    @Override
    public void close() {
        // Stopped one by one from a copy: PF4J 3.15's stopPlugins() trips over its own list.
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins()).reversed()) {
            manager.stopPlugin(plugin.getPluginId());
        }
        manager.unloadPlugins();
    }
}
