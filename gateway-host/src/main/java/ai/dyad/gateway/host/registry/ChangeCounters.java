package ai.dyad.gateway.host.registry;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One counter per kind of registry data (providers, API keys, plugin states) in the {@code registry_meta}
 * collection, incremented after every change. Instances compare it with what they last loaded to notice
 * changes made elsewhere, with or without Redis.
 */
public final class ChangeCounters {

    static final String COLLECTION = "registry_meta";
    private static final String DOCUMENT_ID = "changes";

    private final MongoCollection<Document> meta;

    ChangeCounters(MongoCollection<Document> meta) {
        this.meta = meta;
    }

    /** Every counter by kind; kinds never changed are absent. */
    public Map<String, Long> read() {
        Document doc = meta.find(Filters.eq("_id", DOCUMENT_ID)).first();
        Map<String, Long> counters = new HashMap<>();
        if (doc != null) {
            doc.forEach((key, value) -> {
                if (value instanceof Number number) {
                    counters.put(key, number.longValue());
                }
            });
        }
        return counters;
    }

    /** Increments the counter of {@code kind} and returns its new value (atomic across instances). */
    public long bump(String kind) {
        Document after = meta.findOneAndUpdate(
                Filters.eq("_id", DOCUMENT_ID),
                Updates.inc(kind, 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) after.get(kind)).longValue();
    }
}
