package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the host knows about one plugin id: the jar that claims it, the version serving, versions still
 * draining, and its status. Mutated only under the {@link PluginHost}'s lock.
 */
final class PluginSlot {

    final String id;
    PluginJar jar;
    LoadedPlugin active;
    PluginStatus status = PluginStatus.FAILED;
    String error;
    /** Set when another plugin already provides one of this plugin's adapter types. */
    String conflict;

    List<String> knownTypes;
    private final List<LoadedPlugin> draining = new ArrayList<>();

    PluginSlot(String id, List<String> knownTypes) {
        this.id = id;
        this.knownTypes = List.copyOf(knownTypes);
    }

    /** Makes {@code loaded} the serving version; the previous one drains. */
    void serve(LoadedPlugin loaded) {
        retireActive();
        active = loaded;
        knownTypes = loaded.adapterTypes().stream().map(AdapterType::type).toList();
    }

    /** Stops serving: the active version drains and unloads when its last adapter closes. */
    void retireActive() {
        draining.removeIf(LoadedPlugin::unloaded);
        if (active != null) {
            active.retire();
            draining.add(active);
            active = null;
        }
    }

    /** Every loaded version of this plugin: the serving one and those draining. */
    List<LoadedPlugin> loaded() {
        List<LoadedPlugin> all = new ArrayList<>(draining);
        if (active != null) {
            all.add(active);
        }
        return all;
    }

    List<AdapterType> activeTypes() {
        return active == null || status != PluginStatus.STARTED ? List.of() : active.adapterTypes();
    }

    PluginInfo info() {
        draining.removeIf(LoadedPlugin::unloaded);
        PluginJar shown = active != null ? active.jar() : jar;
        return new PluginInfo(
                id,
                shown.version(),
                status,
                knownTypes,
                error != null ? error : conflict,
                jar.path().getFileName().toString(),
                shown.description(),
                shown.requires(),
                draining.stream()
                        .map(old -> new PluginInfo.Draining(old.jar().version(), old.openAdapters()))
                        .toList(),
                configSpecs());
    }

    private Map<String, ConfigSpec> configSpecs() {
        Map<String, ConfigSpec> specs = new LinkedHashMap<>();
        for (AdapterType type : activeTypes()) {
            try {
                specs.put(type.type(), type.configSpec());
            } catch (AdapterException e) {
                // A plugin that cannot say its spec shows none; creating its adapters reports the failure.
            }
        }
        return specs;
    }
}
