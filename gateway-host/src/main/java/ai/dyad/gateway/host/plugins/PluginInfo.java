package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.config.ConfigSpec;
import java.util.List;
import java.util.Map;

/**
 * One entry of the plugin list.
 *
 * @param id the plugin id, or the file name for a file that is no plugin
 * @param version the version serving requests (or that would, when disabled or failed); nullable for INVALID
 * @param adapterTypes the adapter types it provides (last known ones when it is not started)
 * @param error why it failed, or a problem it has while still serving; nullable
 * @param file the jar's file name in the plugins folder
 * @param requires the adapter API range it needs; nullable for INVALID
 * @param draining earlier versions still finishing requests that started on them
 * @param configSpecs the provider config each adapter type accepts, while the plugin is started
 */
public record PluginInfo(
        String id,
        String version,
        PluginStatus state,
        List<String> adapterTypes,
        String error,
        String file,
        String description,
        String requires,
        List<Draining> draining,
        Map<String, ConfigSpec> configSpecs) {

    public PluginInfo {
        adapterTypes = List.copyOf(adapterTypes);
        draining = List.copyOf(draining);
        configSpecs = Map.copyOf(configSpecs);
    }

    /** A replaced or removed version that still has adapters serving requests in flight. */
    public record Draining(String version, int openAdapters) {}
}
