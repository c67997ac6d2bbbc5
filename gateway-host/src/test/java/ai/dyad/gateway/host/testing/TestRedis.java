package ai.dyad.gateway.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (the binary shipped inside the embedded-redis jar) on a free loopback port.
 * Stop and start it again on the same port to test what happens when Redis goes away and comes back.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
    }

    public static TestRedis start() {
        TestRedis redis = new TestRedis(freePort());
        redis.resume();
        return redis;
    }

    /** {@code redis://127.0.0.1:port}, for {@code REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server, as if Redis crashed; {@link #resume()} brings it back on the same port. */
    public void kill() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void resume() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
