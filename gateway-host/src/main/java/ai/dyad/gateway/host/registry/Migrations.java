package ai.dyad.gateway.host.registry;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned changes to stored data. (Indexes are not among them: Morphia creates every index the entities
 * declare at each start, which is idempotent and picks up indexes added by later builds.) Each applied migration is recorded in the {@code migrations}
 * collection; applying them again does nothing. Every migration is idempotent, so instances starting at
 * the same time may both run one without harm.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String COLLECTION = "migrations";

    /** One step of the schema's history; never change one that has shipped, add the next. */
    record Migration(int version, String description, Consumer<MongoDatabase> apply) {}

    private final MongoDatabase database;
    private final Clock clock;
    private final List<Migration> all;

    Migrations(MongoDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.all =
                List.of(new Migration(1, "fill in provider fields that older documents lack", this::providerDefaults));
    }

    /** The highest migration applied to this database; 0 for a new one. */
    public int currentVersion() {
        Document last = records().find().sort(Sorts.descending("_id")).first();
        return last == null ? 0 : ((Number) last.get("_id")).intValue();
    }

    /** The version this build of the gateway brings the schema to. */
    public int latestVersion() {
        return all.getLast().version();
    }

    /** Applies the migrations not yet recorded, in order; returns their descriptions. */
    public List<String> applyPending() {
        int current = currentVersion();
        List<String> applied = new ArrayList<>();
        for (Migration migration : all) {
            if (migration.version() <= current) {
                continue;
            }
            migration.apply().accept(database);
            record(migration);
            LOG.info("schema migration {} applied: {}", migration.version(), migration.description());
            applied.add(migration.version() + ": " + migration.description());
        }
        return applied;
    }

    private void record(Migration migration) {
        try {
            records()
                    .insertOne(new Document("_id", migration.version())
                            .append("description", migration.description())
                            .append("appliedAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another instance applied it at the same time: both runs were idempotent
        }
    }

    private MongoCollection<Document> records() {
        return database.getCollection(COLLECTION);
    }

    /** Documents written by hand or by early builds may miss fields the code relies on. */
    private void providerDefaults(MongoDatabase db) {
        MongoCollection<Document> providers = db.getCollection("providers");
        Date now = Date.from(clock.instant());
        fill(providers, "createdAt", now);
        fill(providers, "updatedAt", now);
        fill(providers, "version", 1L);
        fill(providers, "enabled", true);
        fill(providers, "weight", 1);
        fill(providers, "priority", 0);
        fill(providers, "config", new Document());
        fill(providers, "models", List.of());
        fill(
                providers,
                "healthStatus",
                new Document("status", "unknown")
                        .append("errorRate", 0.0)
                        .append("availability", 1.0)
                        .append("responseTime", 0L));
    }

    private static void fill(MongoCollection<Document> collection, String field, Object value) {
        collection.updateMany(Filters.exists(field, false), Updates.set(field, value));
    }
}
