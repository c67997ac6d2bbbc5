package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import dev.morphia.query.filters.Filters;
import dev.morphia.query.updates.UpdateOperator;
import dev.morphia.query.updates.UpdateOperators;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;

/** API keys in the store. The request path reads them from the in-memory cache, never from here. */
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

    /** The key with this id; empty also for a malformed id. */
    public Optional<ApiKey> findById(String id) {
        return objectId(id)
                .map(oid -> datastore
                        .find(ApiKeyEntity.class)
                        .filter(Filters.eq("_id", oid))
                        .first())
                .map(ApiKeyEntity::toRecord);
    }

    public long count() {
        return datastore.find(ApiKeyEntity.class).count();
    }

    /** Saves a new key and returns it with its id. */
    public ApiKey insert(ApiKey key) {
        ApiKeyEntity entity = ApiKeyEntity.from(key);
        entity.id = null;
        entity.createdAt = Date.from(clock.instant());
        entity.updatedAt = entity.createdAt;
        entity.lastUsed = null;
        return datastore.save(entity).toRecord();
    }

    /**
     * Writes the fields an admin may change (everything but the hash, prefix, creation and last use) and
     * returns the stored key; empty when it no longer exists. Only those fields are set, so a concurrent
     * {@link #recordLastUsed} is never undone.
     */
    public Optional<ApiKey> update(ApiKey key) {
        Optional<ObjectId> oid = objectId(key.id());
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        List<UpdateOperator> changes = new ArrayList<>();
        changes.add(UpdateOperators.set("name", key.name()));
        changes.add(UpdateOperators.set("permissions", new ArrayList<>(key.permissions())));
        changes.add(UpdateOperators.set("enabled", key.enabled()));
        changes.add(UpdateOperators.set("allowedModels", new ArrayList<>(key.allowedModels())));
        changes.add(UpdateOperators.set("expiresAt", date(key.expiresAt())));
        changes.add(UpdateOperators.set(
                "requestsPerMinute",
                key.rateLimit() == null ? null : key.rateLimit().requestsPerMinute()));
        changes.add(UpdateOperators.set(
                "tokensPerMinute",
                key.rateLimit() == null ? null : key.rateLimit().tokensPerMinute()));
        changes.add(UpdateOperators.set("userId", key.userId()));
        changes.add(UpdateOperators.set("updatedAt", Date.from(clock.instant())));
        long matched = datastore
                .find(ApiKeyEntity.class)
                .filter(Filters.eq("_id", oid.get()))
                .update(changes)
                .execute()
                .getMatchedCount();
        return matched == 0 ? Optional.empty() : findById(key.id());
    }

    /** Deletes the key; false when there was none. */
    public boolean delete(String id) {
        return objectId(id)
                .map(oid -> datastore
                                .find(ApiKeyEntity.class)
                                .filter(Filters.eq("_id", oid))
                                .delete()
                                .getDeletedCount()
                        > 0)
                .orElse(false);
    }

    /** Deletes keys expired before {@code now} (what the TTL index does on a real MongoDB); returns how many. */
    public long deleteExpired(Instant now) {
        return datastore
                .find(ApiKeyEntity.class)
                .filter(Filters.lt("expiresAt", Date.from(now)))
                .delete(new dev.morphia.DeleteOptions().multi(true))
                .getDeletedCount();
    }

    /** Moves each key's {@code lastUsed} forward (never back, whatever order instances flush in). */
    public void recordLastUsed(Map<String, Instant> lastUsedById) {
        lastUsedById.forEach((id, when) -> objectId(id).ifPresent(oid -> datastore
                .find(ApiKeyEntity.class)
                .filter(Filters.eq("_id", oid))
                .update(UpdateOperators.max("lastUsed", Date.from(when)))
                .execute()));
    }

    private static Optional<ObjectId> objectId(String id) {
        return id != null && ObjectId.isValid(id) ? Optional.of(new ObjectId(id)) : Optional.empty();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
