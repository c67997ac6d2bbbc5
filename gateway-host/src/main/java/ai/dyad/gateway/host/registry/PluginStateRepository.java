package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import dev.morphia.query.filters.Filters;
import java.time.Clock;
import java.util.List;

/** Plugin states in the store: a handful of small documents, read once at start and written on change. */
public final class PluginStateRepository {

    private final Datastore datastore;
    private final Clock clock;

    PluginStateRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public List<SavedPluginState> findAll() {
        return datastore.find(PluginStateEntity.class).stream()
                .map(PluginStateEntity::toRecord)
                .toList();
    }

    /** Inserts or replaces the state of {@code state.pluginId()}, stamped with the current time. */
    public SavedPluginState save(SavedPluginState state) {
        PluginStateEntity entity = PluginStateEntity.from(state);
        entity.updatedAt = java.util.Date.from(clock.instant());
        return datastore.save(entity).toRecord();
    }

    public void delete(String pluginId) {
        datastore
                .find(PluginStateEntity.class)
                .filter(Filters.eq("_id", pluginId))
                .delete();
    }
}
