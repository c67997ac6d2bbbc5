package ai.dyad.gateway.host.testing;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The registry's documents as stored, read and written with the plain MongoDB driver, under Morphia's feet. */
public final class RawStore implements AutoCloseable {

    private final MongoClient client;
    private final MongoCollection<Document> providers;

    public RawStore(String storeUrl) {
        ConnectionString url = new ConnectionString(storeUrl);
        this.client = MongoClients.create(url);
        String database = url.getDatabase() == null ? "dyad_gateway" : url.getDatabase();
        this.providers = client.getDatabase(database).getCollection("providers");
    }

    public Document provider(String id) {
        return providers.find(Filters.eq("_id", new ObjectId(id))).first();
    }

    /** Overwrites one field of a stored provider, such as {@code config.apiKey}. */
    public void setProviderField(String id, String field, Object value) {
        providers.updateOne(Filters.eq("_id", new ObjectId(id)), new Document("$set", new Document(field, value)));
    }

    @Override
    public void close() {
        client.close();
    }
}
