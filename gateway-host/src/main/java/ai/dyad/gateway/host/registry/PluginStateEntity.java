package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Id;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The stored form of a {@link SavedPluginState}, keyed by plugin id. */
@Entity(value = "plugin_states", useDiscriminator = false)
class PluginStateEntity {
    @Id
    String pluginId;

    boolean enabled;
    List<String> adapterTypes = new ArrayList<>();
    Date updatedAt;

    static PluginStateEntity from(SavedPluginState state) {
        PluginStateEntity entity = new PluginStateEntity();
        entity.pluginId = state.pluginId();
        entity.enabled = state.enabled();
        entity.adapterTypes = new ArrayList<>(state.adapterTypes());
        entity.updatedAt = state.updatedAt() == null ? null : Date.from(state.updatedAt());
        return entity;
    }

    SavedPluginState toRecord() {
        return new SavedPluginState(
                pluginId,
                enabled,
                adapterTypes == null ? List.of() : adapterTypes,
                updatedAt == null ? null : updatedAt.toInstant());
    }
}
