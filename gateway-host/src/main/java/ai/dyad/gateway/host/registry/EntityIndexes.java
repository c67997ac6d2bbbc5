package ai.dyad.gateway.host.registry;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.Indexes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Creates the indexes that entities declare with {@code @Indexes}, as Morphia's {@code applyIndexes} does. Morphia
 * applies them only to the entities it found by scanning the class path for their package, which took a few hundred
 * milliseconds of every start (the scan reads the listing of every jar); here the entities are named instead. Only
 * the index features the entities use are read (fields and their order, {@code unique}, {@code expireAfterSeconds});
 * a test checks that the result equals Morphia's for every entity, so a new feature cannot be missed silently.
 */
final class EntityIndexes {

    private EntityIndexes() {}

    /** Creates each entity's indexes with one command per collection; existing identical indexes are kept. */
    static void apply(MongoDatabase database, List<Class<?>> entities) {
        for (Class<?> entity : entities) {
            Indexes indexes = entity.getAnnotation(Indexes.class);
            if (indexes != null) {
                List<IndexModel> models =
                        Arrays.stream(indexes.value()).map(EntityIndexes::model).toList();
                database.getCollection(entity.getAnnotation(Entity.class).value())
                        .createIndexes(models);
            }
        }
    }

    private static IndexModel model(Index index) {
        Document keys = new Document();
        for (Field field : index.fields()) {
            keys.append(field.value(), field.type().toIndexValue());
        }
        IndexOptions options = new IndexOptions().unique(index.options().unique());
        if (index.options().expireAfterSeconds() != -1) {
            options.expireAfter((long) index.options().expireAfterSeconds(), TimeUnit.SECONDS);
        }
        return new IndexModel(keys, options);
    }
}
