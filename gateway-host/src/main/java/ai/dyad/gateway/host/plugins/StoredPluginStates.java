package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.host.registry.PluginStateRepository;
import ai.dyad.gateway.host.registry.SavedPluginState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Plugin states kept in the registry, read once at start and written through on every change. */
public final class StoredPluginStates implements PluginStateStore {

    private final PluginStateRepository repository;
    private final Map<String, SavedPluginState> states = new ConcurrentHashMap<>();

    public StoredPluginStates(PluginStateRepository repository) {
        this.repository = repository;
        repository.findAll().forEach(state -> states.put(state.pluginId(), state));
    }

    @Override
    public boolean enabled(String pluginId) {
        SavedPluginState state = states.get(pluginId);
        return state == null || state.enabled();
    }

    @Override
    public void setEnabled(String pluginId, boolean enabled) {
        SavedPluginState before = states.get(pluginId);
        if (before == null || before.enabled() != enabled) {
            save(new SavedPluginState(pluginId, enabled, knownTypes(pluginId), null));
        }
    }

    @Override
    public List<String> knownTypes(String pluginId) {
        SavedPluginState state = states.get(pluginId);
        return state == null ? List.of() : state.adapterTypes();
    }

    @Override
    public void rememberTypes(String pluginId, List<String> types) {
        if (!knownTypes(pluginId).equals(types)) {
            save(new SavedPluginState(pluginId, enabled(pluginId), types, null));
        }
    }

    @Override
    public void forget(String pluginId) {
        if (states.remove(pluginId) != null) {
            repository.delete(pluginId);
        }
    }

    private void save(SavedPluginState state) {
        states.put(state.pluginId(), repository.save(state));
    }
}
