package ai.dyad.gateway.host.registry;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.morphia.Datastore;
import dev.morphia.Morphia;
import dev.morphia.config.MorphiaConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The registry's database: a real MongoDB when {@code MONGODB_URL} is set, otherwise the embedded server.
 * Both go through the same MongoDB driver and Morphia code.
 */
public final class Store implements AutoCloseable {

    private static final String DEFAULT_DATABASE = "dyad_gateway";

    private final EmbeddedMongo embedded;
    private final MongoClient client;
    private final ProviderRepository providers;
    private final ApiKeyRepository apiKeys;
    private final PluginStateRepository pluginStates;

    private Store(EmbeddedMongo embedded, MongoClient client, Datastore datastore, Clock clock) {
        this.embedded = embedded;
        this.client = client;
        this.providers = new ProviderRepository(datastore, clock);
        this.apiKeys = new ApiKeyRepository(datastore, clock);
        this.pluginStates = new PluginStateRepository(datastore, clock);
    }

    /** Connects to {@code mongodbUrl}, or starts the embedded server under {@code dataDir} when it is empty. */
    public static Store open(Optional<String> mongodbUrl, Path dataDir, Clock clock) {
        EmbeddedMongo embedded = mongodbUrl.isPresent() ? null : EmbeddedMongo.start(dataDir);
        ConnectionString url = new ConnectionString(mongodbUrl.orElseGet(embedded::connectionString));
        MongoClient client = MongoClients.create(url);
        String database = url.getDatabase() == null ? DEFAULT_DATABASE : url.getDatabase();
        Datastore datastore = Morphia.createDatastore(
                client,
                MorphiaConfig.load()
                        .database(database)
                        .packages(List.of(Store.class.getPackageName()))
                        .applyIndexes(true));
        return new Store(embedded, client, datastore, clock);
    }

    /** Whether this store runs the embedded server (as opposed to a real MongoDB). */
    public boolean embedded() {
        return embedded != null;
    }

    public ProviderRepository providers() {
        return providers;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public PluginStateRepository pluginStates() {
        return pluginStates;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
