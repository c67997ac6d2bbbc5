package ai.dyad.gateway.host.registry;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage counters, written only with {@code $inc} upserts on documents with deterministic ids, so any number
 * of gateway instances can add to the same counters at once without losing a count. Plain documents (no
 * Morphia entity): nothing here is ever read back as a whole object or replaced.
 */
public final class UsageRepository {

    private static final Logger LOG = LoggerFactory.getLogger(UsageRepository.class);

    private final MongoCollection<Document> totals;
    private final MongoCollection<Document> daily;

    UsageRepository(MongoDatabase database) {
        this.totals = database.getCollection("usage_totals");
        this.daily = database.getCollection("usage_daily");
        daily.createIndex(Indexes.ascending("keyId", "day"));
    }

    /**
     * Adds the increments in ordered batches and returns those that were not written (to retry later).
     * Within a batch, everything before the first failed write has been applied and nothing after it.
     */
    public List<UsageIncrement> add(List<UsageIncrement> increments) {
        List<UsageIncrement> unwritten = new ArrayList<>();
        unwritten.addAll(
                write(totals, increments.stream().filter(UsageIncrement::totals).toList()));
        unwritten.addAll(
                write(daily, increments.stream().filter(i -> !i.totals()).toList()));
        return unwritten;
    }

    public Optional<UsageCounts> totals(String keyId) {
        return Optional.ofNullable(totals.find(Filters.eq("_id", keyId)).first())
                .map(doc -> counts(doc, keyId, null, null));
    }

    /** The key's daily rows from {@code from} on, oldest first. */
    public List<UsageCounts> daily(String keyId, LocalDate from) {
        List<UsageCounts> rows = new ArrayList<>();
        daily.find(Filters.and(Filters.eq("keyId", keyId), Filters.gte("day", from.toString())))
                .sort(Sorts.ascending("day", "model"))
                .forEach(doc ->
                        rows.add(counts(doc, keyId, doc.getString("model"), LocalDate.parse(doc.getString("day")))));
        return rows;
    }

    private static List<UsageIncrement> write(MongoCollection<Document> collection, List<UsageIncrement> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<UpdateOneModel<Document>> writes =
                batch.stream().map(UsageRepository::upsert).toList();
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
            return List.of();
        } catch (MongoBulkWriteException e) {
            // Ordered: the writes before the first error were applied, the rest were not.
            int failedAt = e.getWriteErrors().getFirst().getIndex();
            LOG.warn(
                    "usage write {} of {} failed, retrying the rest later: {}", failedAt, batch.size(), e.getMessage());
            return batch.subList(failedAt, batch.size());
        } catch (RuntimeException e) {
            LOG.warn("usage batch of {} not written, retrying later: {}", batch.size(), e.getMessage());
            return batch;
        }
    }

    private static UpdateOneModel<Document> upsert(UsageIncrement i) {
        List<org.bson.conversions.Bson> updates = new ArrayList<>(List.of(
                Updates.inc("requests", i.requests()),
                Updates.inc("promptTokens", i.promptTokens()),
                Updates.inc("completionTokens", i.completionTokens()),
                Updates.inc("totalTokens", i.promptTokens() + i.completionTokens()),
                Updates.max("lastUsed", Date.from(i.lastUsed()))));
        if (!i.totals()) {
            updates.add(Updates.setOnInsert("keyId", i.keyId()));
            updates.add(Updates.setOnInsert("model", i.model()));
            updates.add(Updates.setOnInsert("day", i.day().toString()));
        }
        return new UpdateOneModel<>(
                Filters.eq("_id", i.documentId()), Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    private static UsageCounts counts(Document doc, String keyId, String model, LocalDate day) {
        Date lastUsed = doc.getDate("lastUsed");
        return new UsageCounts(
                keyId,
                model,
                day,
                number(doc, "requests"),
                number(doc, "promptTokens"),
                number(doc, "completionTokens"),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
