package ai.dyad.gateway.host.registry;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-protocol server on loopback with its data in an H2 file under the data folder, so the
 * gateway runs with no database installed and still talks to it through the real MongoDB driver.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    static EmbeddedMongo start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DATA_DIR " + dataDir, e);
        }
        H2Backend backend =
                new H2Backend(dataDir.resolve("registry.mv.db").toAbsolutePath().toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return new EmbeddedMongo(server, server.getLocalAddress());
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** Stops the server; H2 writes its last changes to disk here. */
    @Override
    public void close() {
        server.shutdown();
    }
}
