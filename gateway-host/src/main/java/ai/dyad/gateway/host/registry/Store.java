package ai.dyad.gateway.host.registry;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
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

    /** The entities stored in collections of their own (Morphia maps each on first use, embedded ones with it). */
    static final List<Class<?>> ENTITIES = List.of(
            ApiKeyEntity.class,
            ModelAliasEntity.class,
            PluginStateEntity.class,
            ProviderEntity.class,
            RefreshTokenEntity.class,
            UserEntity.class);

    private final EmbeddedMongo embedded;
    private final MongoClient client;
    private final ProviderRepository providers;
    private final ApiKeyRepository apiKeys;
    private final Datastore datastore;
    private final ModelAliasRepository aliases;
    private final String connectionString;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final UsageRepository usage;
    private final MongoDatabase database;
    private final Migrations migrations;
    private final ChangeCounters changeCounters;
    private final PluginStateRepository pluginStates;

    private Store(
            EmbeddedMongo embedded, MongoClient client, Datastore datastore, Clock clock, String connectionString) {
        this.embedded = embedded;
        this.client = client;
        this.providers = new ProviderRepository(datastore, clock);
        this.apiKeys = new ApiKeyRepository(datastore, clock);
        this.datastore = datastore;
        this.aliases = new ModelAliasRepository(datastore, clock);
        this.connectionString = connectionString;
        this.users = new UserRepository(datastore, clock);
        this.refreshTokens = new RefreshTokenRepository(datastore, clock);
        this.usage = new UsageRepository(datastore.getDatabase());
        this.database = datastore.getDatabase();
        this.migrations = new Migrations(database, clock);
        this.changeCounters = new ChangeCounters(database.getCollection(ChangeCounters.COLLECTION));
        this.pluginStates = new PluginStateRepository(datastore, clock);
    }

    /** Connects to {@code mongodbUrl}, or starts the embedded server under {@code dataDir} when it is empty. */
    public static Store open(Optional<String> mongodbUrl, Path dataDir, Clock clock) {
        EmbeddedMongo embedded = mongodbUrl.isPresent() ? null : EmbeddedMongo.start(dataDir);
        // A lambda, not embedded::connectionString: a method reference would dereference null at once.
        ConnectionString url = new ConnectionString(mongodbUrl.orElseGet(() -> embedded.connectionString()));
        MongoClient client = MongoClients.create(url);
        String database = url.getDatabase() == null ? DEFAULT_DATABASE : url.getDatabase();
        // No packages: Morphia would scan the class path for them (see EntityIndexes).
        Datastore datastore = Morphia.createDatastore(
                client, MorphiaConfig.load().database(database).packages(List.of()));
        EntityIndexes.apply(datastore.getDatabase(), ENTITIES);
        return new Store(embedded, client, datastore, clock, url.getConnectionString());
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

    public ModelAliasRepository aliases() {
        return aliases;
    }

    /** Asks the database to answer a {@code ping}; throws when it cannot be reached. */
    public void ping() {
        datastore.getDatabase().runCommand(new org.bson.Document("ping", 1));
    }

    /**
     * The connection string this store uses, so a second gateway (in tests, or a tool) can share the embedded
     * server of a running one. It may carry credentials when {@code MONGODB_URL} does: never log it.
     */
    public String connectionString() {
        return connectionString;
    }

    public UserRepository users() {
        return users;
    }

    public RefreshTokenRepository refreshTokens() {
        return refreshTokens;
    }

    public UsageRepository usage() {
        return usage;
    }

    public Migrations migrations() {
        return migrations;
    }

    public ChangeCounters changeCounters() {
        return changeCounters;
    }

    /** The database's name (from the MONGODB_URL path, else the default). */
    public String databaseName() {
        return database.getName();
    }

    /**
     * The embedded server's connection string, so another process can share this store (tests start a second
     * gateway on it); empty with a real MongoDB.
     */
    public Optional<String> embeddedUrl() {
        return Optional.ofNullable(embedded).map(EmbeddedMongo::connectionString);
    }

    /** Deletes every collection of the registry's database: providers, keys, users, usage, everything. */
    public void dropEverything() {
        database.drop();
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
