package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.util.List;

/**
 * What the registry remembers about one plugin across restarts.
 *
 * @param enabled {@code false} once an operator disabled the plugin
 * @param adapterTypes the adapter types it provided when last loaded
 * @param updatedAt nullable before the first save
 */
public record SavedPluginState(String pluginId, boolean enabled, List<String> adapterTypes, Instant updatedAt) {

    public SavedPluginState {
        adapterTypes = List.copyOf(adapterTypes);
    }
}
