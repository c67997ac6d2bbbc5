package ai.dyad.gateway.host.registry;

import com.mongodb.client.model.Updates;
import dev.morphia.Datastore;
import dev.morphia.query.filters.Filters;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Providers in the store. Reads are for start-up and refreshes; the hot path uses the in-memory routing. */
public final class ProviderRepository {

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

    public Optional<Provider> findByName(String name) {
        return Optional.ofNullable(datastore
                        .find(ProviderEntity.class)
                        .filter(Filters.eq("name", name))
                        .first())
                .map(ProviderEntity::toRecord);
    }

    public long count() {
        return datastore.find(ProviderEntity.class).count();
    }

    /** Saves a new provider and returns it with its id and timestamps. */
    public Provider insert(Provider provider) {
        ProviderEntity entity = ProviderEntity.from(provider);
        Instant now = clock.instant();
        entity.createdAt = java.util.Date.from(now);
        entity.updatedAt = entity.createdAt;
        return datastore.save(entity).toRecord();
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
