package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.TestGateway;
import com.openai.client.OpenAIClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real gateway with the real spawn-cli plugin jar, and spawn-cli providers made through the admin API. */
final class SpawnCliGateway implements AutoCloseable {

    private final TestGateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SpawnCliGateway(Path home) {
        // One CLI run per request: no retries, and no circuit breaker opening on the failures tests provoke.
        this.gateway = TestGateway.start(home, null, Map.of("MAX_RETRIES", "0", "CIRCUIT_BREAKER_THRESHOLD", "1000"));
    }

    /** Creates a spawn-cli provider serving {@code model}, live at once. */
    void provider(String model, Map<String, Object> config) {
        AdminClient.Response created = gateway.admin()
                .post(
                        "/providers",
                        Map.of(
                                "name",
                                model + "-cli",
                                "type",
                                "spawn-cli",
                                "config",
                                config,
                                "models",
                                List.of(Map.of("modelId", model))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    OpenAIClient client() {
        return gateway.openAi();
    }

    /** A chat completion over plain HTTP, for the raw status, headers and SSE text. */
    HttpResponse<String> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + gateway.adminKey())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String adminKey() {
        return gateway.adminKey();
    }

    int port() {
        return gateway.port();
    }

    static String script(String name) {
        return TestGateway.script(name).toString();
    }

    /** A captured real CLI output from the spawn-cli plugin's test fixtures. */
    static Path fixture(String file) {
        return Path.of(
                        System.getProperty("dyad.test.reactor-root"),
                        "plugins/spawn-cli/src/test/resources/fixtures/cli")
                .resolve(file);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
