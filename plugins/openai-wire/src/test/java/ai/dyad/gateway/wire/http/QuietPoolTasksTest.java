package ai.dyad.gateway.wire.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool's clean-up still runs without a wake-up per released connection, and its thread ends. */
class QuietPoolTasksTest {

    /** A hang guard only: the clean-up is due after the keep-alive plus at most one tick. */
    private static final Duration GUARD = Duration.ofSeconds(15);

    private final WireMockServer upstream =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        upstream.start();
        upstream.stubFor(get("/ping").willReturn(ok("pong")));
    }

    @AfterEach
    void stop() {
        upstream.stop();
    }

    @Test
    void evictsConnectionsAboveTheIdleLimitWithoutBeingWokenAndStopsItsThread() throws Exception {
        upstream.stubFor(get("/slow").willReturn(ok("slow").withFixedDelay(300)));
        TaskRunner tasks = QuietPoolTasks.runner();
        // One idle connection at most, kept for minutes: the limit must hold although releasing a connection
        // no longer wakes the pool's thread.
        ConnectionPool pool = new ConnectionPool(1, 5, TimeUnit.MINUTES, tasks, ConnectionListener.Companion.getNONE());
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
        assertThat(call(client, "/ping")).isEqualTo("pong");
        assertThat(pool.idleConnectionCount()).isEqualTo(1);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(client, "/slow"));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call(client, "/slow"));
        assertThat(first.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isEqualTo("slow");
        assertThat(second.get(GUARD.toSeconds(), TimeUnit.SECONDS)).isEqualTo("slow");
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (pool.idleConnectionCount() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.idleConnectionCount()).isEqualTo(1);

        QuietPoolTasks.shutdown(tasks);
        client.dispatcher().executorService().shutdown();
        pool.evictAll();
        while (poolThreadAlive() && System.nanoTime() < deadline + GUARD.toNanos()) {
            Thread.sleep(20);
        }
        assertThat(poolThreadAlive()).isFalse();
    }

    private String call(OkHttpClient client, String path) {
        try (Response response = client.newCall(
                        new Request.Builder().url(upstream.baseUrl() + path).build())
                .execute()) {
            return response.body().string();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean poolThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("OkHttp pool tasks") && t.isAlive());
    }
}
