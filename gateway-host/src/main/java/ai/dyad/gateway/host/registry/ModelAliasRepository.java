package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import dev.morphia.query.filters.Filters;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/** Model aliases in the store; the router keeps them in memory and re-reads them after a change. */
public final class ModelAliasRepository {

    private final Datastore datastore;
    private final Clock clock;

    ModelAliasRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public List<ModelAlias> findAll() {
        return datastore.find(ModelAliasEntity.class).stream()
                .map(ModelAliasEntity::toRecord)
                .toList();
    }

    /** Creates the alias or points it at a new target; returns it as saved. */
    public ModelAlias put(String alias, String target) {
        ModelAliasEntity entity = new ModelAliasEntity();
        entity.alias = alias;
        entity.target = target;
        entity.updatedAt = Date.from(clock.instant());
        return datastore.save(entity).toRecord();
    }

    /** Removes the alias; returns whether it existed. */
    public boolean delete(String alias) {
        return datastore
                        .find(ModelAliasEntity.class)
                        .filter(Filters.eq("_id", alias))
                        .delete()
                        .getDeletedCount()
                > 0;
    }
}
