package ai.dyad.gateway.host.registry;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import dev.morphia.Datastore;
import dev.morphia.VersionMismatchException;
import dev.morphia.query.Query;
import dev.morphia.query.filters.Filters;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Providers in the store. Reads are for start-up, refreshes and the admin API; the hot path uses the
 * in-memory routing table. Writes keep {@code createdAt}/{@code updatedAt} and check the version.
 */
public final class ProviderRepository {

    /** The stored field paths a provider listing may be sorted by. */
    public static final Set<String> SORTABLE = Set.of(
            "name",
            "type",
            "enabled",
            "priority",
            "weight",
            "timeoutMs",
            "createdAt",
            "updatedAt",
            "healthStatus.status");

    private final Datastore datastore;
    private final Clock clock;

    ProviderRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public List<Provider> findAll() {
        return datastore.find(ProviderEntity.class).stream()
                .map(ProviderEntity::toRecord)
                .toList();
    }

    public Optional<Provider> findById(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byId(id).first()).map(ProviderEntity::toRecord);
    }

    public Optional<Provider> findByName(String name) {
        return Optional.ofNullable(datastore
                        .find(ProviderEntity.class)
                        .filter(Filters.eq("name", name))
                        .first())
                .map(ProviderEntity::toRecord);
    }

    /** One page of the providers matching {@code filter}; sort fields must be in {@link #SORTABLE}. */
    public Page<Provider> page(ProviderFilter filter, PageRequest request) {
        request.sort().forEach(order -> {
            if (!SORTABLE.contains(order.field())) {
                throw new IllegalArgumentException("providers cannot be sorted by " + order.field());
            }
        });
        Query<ProviderEntity> query = datastore.find(ProviderEntity.class);
        if (filter.type() != null) {
            query.filter(Filters.eq("type", filter.type()));
        }
        if (filter.enabled() != null) {
            query.filter(Filters.eq("enabled", filter.enabled()));
        }
        if (filter.model() != null) {
            query.filter(Filters.eq("models.modelId", filter.model()));
        }
        return Page.of(query, request, ProviderEntity::toRecord);
    }

    public long count() {
        return datastore.find(ProviderEntity.class).count();
    }

    /**
     * Saves a new provider and returns it with its id, timestamps and version 1. The id may be chosen by the
     * caller (secrets are encrypted for a known id before the first save).
     *
     * @throws DuplicateNameException when another provider has the name
     */
    public Provider insert(Provider provider) {
        ProviderEntity entity = ProviderEntity.from(provider);
        entity.version = null;
        entity.createdAt = Date.from(clock.instant());
        entity.updatedAt = entity.createdAt;
        return uniqueName(provider.name(), () -> datastore.save(entity)).toRecord();
    }

    /**
     * Replaces a stored provider, if it is still at {@code provider.version()}; the new version is returned.
     * The creation time is kept from the store, whatever the record says.
     *
     * @throws StaleVersionException when the stored provider has moved on or is gone
     * @throws DuplicateNameException when another provider has the new name
     */
    public Provider replace(Provider provider) {
        ProviderEntity current = byId(provider.id()).first();
        if (current == null) {
            throw new StaleVersionException("provider " + provider.id() + " no longer exists");
        }
        ProviderEntity entity = ProviderEntity.from(provider);
        entity.createdAt = current.createdAt;
        entity.updatedAt = Date.from(clock.instant());
        try {
            return uniqueName(provider.name(), () -> datastore.save(entity)).toRecord();
        } catch (VersionMismatchException e) {
            throw new StaleVersionException("provider " + provider.id() + " was changed by someone else (it is no"
                    + " longer at version " + provider.version() + ")");
        }
    }

    /**
     * Deletes a provider; with {@code expectedVersion}, only if it is still at that version.
     *
     * @return whether a provider was deleted
     */
    public boolean delete(String id, Long expectedVersion) {
        if (!ObjectId.isValid(id)) {
            return false;
        }
        Query<ProviderEntity> query = byId(id);
        if (expectedVersion != null) {
            query.filter(Filters.eq("version", expectedVersion));
        }
        return query.delete().getDeletedCount() > 0;
    }

    private Query<ProviderEntity> byId(String id) {
        return datastore.find(ProviderEntity.class).filter(Filters.eq("_id", new ObjectId(id)));
    }

    private static ProviderEntity uniqueName(String name, Supplier<ProviderEntity> write) {
        try {
            return write.get();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new DuplicateNameException(name);
            }
            throw e;
        }
    }

    /**
     * Records a provider's health with a {@code $set} on that field alone: the document's version is not
     * touched, so health updates never make an admin's edit fail its version check.
     */
    public void updateHealth(String id, HealthStatus health) {
        if (!ObjectId.isValid(id)) {
            return;
        }
        Document stored = new Document("status", health.status())
                .append("lastCheck", health.lastCheck() == null ? null : Date.from(health.lastCheck()))
                .append("responseTime", health.responseTimeMs())
                .append("errorRate", health.errorRate())
                .append("availability", health.availability());
        datastore
                .getCollection(ProviderEntity.class)
                .withDocumentClass(Document.class)
                .updateOne(
                        com.mongodb.client.model.Filters.eq("_id", new ObjectId(id)),
                        Updates.set("healthStatus", stored));
    }
}
