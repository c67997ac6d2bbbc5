package ai.dyad.gateway.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.morphia.Datastore;
import dev.morphia.Morphia;
import dev.morphia.annotations.Entity;
import dev.morphia.config.MorphiaConfig;
import dev.morphia.mapping.Mapper;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store names its entities and creates their indexes itself: exactly what Morphia's package scan would do. */
class EntityIndexesTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();

    @AfterEach
    void stop() {
        server.shutdown();
    }

    @Test
    void createsTheIndexesMorphiaCreatesForTheRegistryPackage() {
        Set<String> morphias = createdIndexes(client -> Morphia.createDatastore(client, scanningConfig("a")));
        Set<String> ours = createdIndexes(client -> EntityIndexes.apply(client.getDatabase("b"), Store.ENTITIES));

        assertThat(ours).isNotEmpty().isEqualTo(morphias);
    }

    @Test
    void namesEveryEntityWithACollectionOfItsOwn() {
        List<Class<?>> scanned;
        try (MongoClient client = client(command -> {})) {
            Datastore datastore = Morphia.createDatastore(client, scanningConfig("c"));
            scanned = datastore.getMapper().getMappedEntities().stream()
                    .<Class<?>>map(model -> model.getType())
                    .filter(type -> !type.getAnnotation(Entity.class).value().equals(Mapper.IGNORED_FIELDNAME))
                    .toList();
        }

        assertThat(Store.ENTITIES).containsExactlyInAnyOrderElementsOf(scanned);
    }

    private static MorphiaConfig scanningConfig(String database) {
        return MorphiaConfig.load()
                .database(database)
                .packages(List.of(Store.class.getPackageName()))
                .applyIndexes(true);
    }

    /** Each index the action asked for, as "collection: spec" (one createIndexes command may carry several). */
    private Set<String> createdIndexes(Consumer<MongoClient> action) {
        Set<String> created = ConcurrentHashMap.newKeySet();
        try (MongoClient client = client(command -> {
            if (command.containsKey("createIndexes")) {
                String collection = command.getString("createIndexes").getValue();
                for (BsonValue index : command.getArray("indexes")) {
                    created.add(collection + ": " + index.asDocument().toJson());
                }
            }
        })) {
            action.accept(client);
        }
        return created;
    }

    private MongoClient client(Consumer<BsonDocument> commands) {
        String url = "mongodb://127.0.0.1:" + address.getPort();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(url))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.accept(event.getCommand());
                    }
                })
                .build());
    }
}
