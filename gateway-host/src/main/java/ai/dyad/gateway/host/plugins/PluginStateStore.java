package ai.dyad.gateway.host.plugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the host remembers about plugins across restarts: whether an operator switched one off, and the adapter
 * types it provided when last loaded (so a disabled plugin still shows which providers depend on it).
 */
public interface PluginStateStore {

    /** Whether the plugin may run; plugins never seen before are enabled. */
    boolean enabled(String pluginId);

    void setEnabled(String pluginId, boolean enabled);

    /** The adapter types the plugin provided when last loaded; empty if never loaded. */
    List<String> knownTypes(String pluginId);

    void rememberTypes(String pluginId, List<String> types);

    /** Drops everything remembered about a removed plugin. */
    void forget(String pluginId);

    /** A store that forgets on restart, for tests and tools. */
    static PluginStateStore inMemory() {
        return new PluginStateStore() {
            private final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
            private final Map<String, List<String>> types = new ConcurrentHashMap<>();

            @Override
            public boolean enabled(String pluginId) {
                return enabled.getOrDefault(pluginId, true);
            }

            @Override
            public void setEnabled(String pluginId, boolean value) {
                enabled.put(pluginId, value);
            }

            @Override
            public List<String> knownTypes(String pluginId) {
                return types.getOrDefault(pluginId, List.of());
            }

            @Override
            public void rememberTypes(String pluginId, List<String> value) {
                types.put(pluginId, List.copyOf(value));
            }

            @Override
            public void forget(String pluginId) {
                enabled.remove(pluginId);
                types.remove(pluginId);
            }
        };
    }
}
