package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/** API keys in the store, by hash. */
public final class ApiKeyRepository {

    private final Datastore datastore;
    private final Clock clock;

    ApiKeyRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public List<ApiKey> findAll() {
        return datastore.find(ApiKeyEntity.class).stream()
                .map(ApiKeyEntity::toRecord)
                .toList();
    }

    public long count() {
        return datastore.find(ApiKeyEntity.class).count();
    }

    /** Saves a new key and returns it with its id. */
    public ApiKey insert(ApiKey key) {
        ApiKeyEntity entity = ApiKeyEntity.from(key);
        entity.createdAt = Date.from(clock.instant());
        return datastore.save(entity).toRecord();
    }
}
