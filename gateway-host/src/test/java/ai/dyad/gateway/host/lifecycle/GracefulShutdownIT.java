package ai.dyad.gateway.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.metrics.MetricNames;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.ChildGateway;
import ai.dyad.gateway.host.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A stream in flight when shutdown starts still completes; new requests are turned away; SIGTERM twice forces. */
@Timeout(180)
class GracefulShutdownIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void finishesAStreamInFlightWhenClosed(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        TestGateway gateway = TestGateway.start(home, adminKey, Map.of("SHUTDOWN_GRACE_MS", "30000"));
        try {
            OpenStream stream = openStream(gateway.baseUrl(), adminKey, "drip");
            assertThat(stream.firstEvent()).contains("tick");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
            // While it drains, a new request is turned away with a 503 rather than started.
            HttpResponse<String> late = awaitDraining(gateway.baseUrl());
            assertThat(late.statusCode()).isEqualTo(503);
            assertThat(late.body()).contains("shutting_down");

            String rest = stream.rest();
            assertThat(rest.split("tick", -1)).hasSize(6); // the other five ticks
            assertThat(rest).contains("\"usage\"").endsWith("data: [DONE]\n\n");
            closing.get(60, TimeUnit.SECONDS);
            assertThat(gateway.metrics()
                            .registry()
                            .meter(MetricNames.labelled("gateway_tokens_processed", "model", "drip", "type", "output"))
                            .getCount())
                    .isPositive();
        } finally {
            gateway.close();
        }
    }

    @Test
    void finishesAStreamInFlightOnSigtermThenExits(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        try (ChildGateway child = ChildGateway.start(home, Map.of("SHUTDOWN_GRACE_MS", "30000"))) {
            OpenStream stream = openStream(child.baseUrl(), adminKey, "drip");
            assertThat(stream.firstEvent()).contains("tick");

            child.process().destroy(); // SIGTERM

            String rest = stream.rest();
            assertThat(rest.split("tick", -1)).hasSize(6);
            assertThat(rest).contains("\"usage\"").endsWith("data: [DONE]\n\n");
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(String.join("\n", child.stderr()))
                    .contains("stopping gracefully")
                    .contains("stopped");
        }
    }

    @Test
    void letsAClientReadTheEndOfItsStreamAfterTheRequestFinishedOnSigterm(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        try (ChildGateway child = ChildGateway.start(home, Map.of("SHUTDOWN_GRACE_MS", "30000"))) {
            OpenStream stream = openStream(child.baseUrl(), adminKey, "drip"); // HTTP/2, by h2c upgrade
            assertThat(stream.firstEvent()).contains("tick");

            child.process().destroy(); // SIGTERM
            // A slow reader: it reads on only once the gateway has written the whole answer and the request
            // has ended (the log line says so). Had the gateway closed the connection then, the JDK client
            // would drop the end it received but had not handed out yet.
            assertThat(child.awaitLog("read the end of their streams", Duration.ofSeconds(60)))
                    .isTrue();

            String rest = stream.rest();
            assertThat(rest.split("tick", -1)).hasSize(6);
            assertThat(rest).contains("\"usage\"").endsWith("data: [DONE]\n\n");
            assertThat(child.awaitExit(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void stopsGracefullyOnASigtermWhileStarting(@TempDir Path home) throws Exception {
        // A line the gateway logs early in its start (SECRETS_KEY is not set here), well before it listens.
        try (ChildGateway child = ChildGateway.startUntil(home, Map.of(), Pattern.compile("SECRETS_KEY is not set"))) {
            child.process().destroy(); // SIGTERM

            assertThat(child.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(child.stderr())
                    .contains("stopping gracefully")
                    .contains("listening on")
                    .contains("Dyad Gateway stopped");
        }
    }

    @Test
    void stopsAtOnceOnASecondSigterm(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        try (ChildGateway child = ChildGateway.start(home, Map.of("SHUTDOWN_GRACE_MS", "120000"))) {
            // This stream waits for a marker file that never comes: only a forced stop ends it in time.
            OpenStream stream = openStream(child.baseUrl(), adminKey, "stuck");
            assertThat(stream.firstEvent()).contains("first");

            child.process().destroy();
            assertThat(child.awaitLog("stopping gracefully", Duration.ofSeconds(30)))
                    .isTrue();
            child.process().destroy();

            assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            assertThat(child.stderr()).contains("stopping now");
        }
    }

    /** First start (admin key, demo model), then a slow streaming provider and a stuck one. */
    private static String prepare(Path home) {
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        TestGateway.seed(
                home,
                Provider.create(
                        "drip",
                        "spawn-cli",
                        Map.of(
                                "command",
                                TestGateway.script("slow-drip").toString(),
                                "env",
                                Map.of("COUNT", "6", "PAUSE", "0.5")),
                        List.of(ProviderModel.named("drip"))));
        TestGateway.seed(
                home,
                Provider.create(
                        "stuck",
                        "spawn-cli",
                        Map.of(
                                "command",
                                TestGateway.script("first-then-marker").toString(),
                                "env",
                                Map.of("MARKER", home.resolve("never").toString())),
                        List.of(ProviderModel.named("stuck"))));
        return adminKey;
    }

    private HttpResponse<String> awaitDraining(String baseUrl) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return response;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the gateway never started draining");
    }

    /** A streaming chat request read line by line on a plain connection. */
    private record OpenStream(BufferedReader reader, List<String> lines) {

        String firstEvent() throws Exception {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    return line;
                }
            }
            throw new IllegalStateException("stream ended before any content: " + lines);
        }

        String rest() throws Exception {
            StringBuilder rest = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                rest.append(line).append('\n');
            }
            return rest.toString();
        }
    }

    private OpenStream openStream(String baseUrl, String key, String model) throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new OpenStream(
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)), new ArrayList<>());
    }
}
