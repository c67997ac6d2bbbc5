package ai.dyad.gateway.host.adapters;

import static ai.dyad.gateway.host.adapters.ThroughGateway.fixture;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, and prints, time to first chunk of a streamed answer through each HTTP adapter against asking the
 * same WireMock directly, in the same run: {@value #RUNS} sequential requests each, p50 and p90. Nothing is
 * asserted about speed (shared machine); every stream must deliver a chunk. Written to target/adapter-ttfc.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class AdapterTtfcIT {

    private static final int RUNS = 50;
    private static final int WARMUP = 5;

    @TempDir
    static Path home;

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private TestGateway gateway;

    @BeforeAll
    void start() {
        upstream.start();
        upstream.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions"))
                .willReturn(stream("text/event-stream", fixture("openai/text-stream.sse"))));
        upstream.stubFor(post(urlPathEqualTo("/anthropic/v1/messages"))
                .willReturn(stream("text/event-stream", fixture("anthropic/text-stream.sse"))));
        upstream.stubFor(post(urlPathEqualTo("/api/chat"))
                .willReturn(stream("application/x-ndjson", fixture("ollama/text-stream.ndjson"))));
        gateway = TestGateway.start(home);
        String base = upstream.baseUrl();
        ThroughGateway.createProvider(
                gateway,
                "t-openai",
                "http-sdk",
                Map.of("vendor", "openai", "baseUrl", base + "/openai/v1", "apiKey", "sk-ttfc-0123456789"),
                null,
                "ttfc-openai");
        ThroughGateway.createProvider(
                gateway,
                "t-anthropic",
                "http-sdk",
                Map.of("vendor", "anthropic", "baseUrl", base + "/anthropic/v1", "apiKey", "sk-ant-ttfc-0123"),
                null,
                "ttfc-anthropic");
        ThroughGateway.createProvider(
                gateway,
                "t-proxy",
                "proxy",
                Map.of("endpoint", base + "/openai/v1", "apiKey", "sk-dyad-ttfc-0123"),
                null,
                "ttfc-proxy");
        ThroughGateway.createProvider(
                gateway,
                "t-local-openai",
                "local",
                Map.of("flavor", "openai", "baseUrl", base + "/openai/v1", "discoverModels", false),
                null,
                "ttfc-local-openai");
        ThroughGateway.createProvider(
                gateway, "t-ollama", "local", Map.of("baseUrl", base, "discoverModels", false), null, "ttfc-ollama");
    }

    @AfterAll
    void stop() {
        gateway.close();
        upstream.stop();
    }

    @Test
    void measuresTimeToFirstChunk() throws Exception {
        String prompt =
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"max_tokens\":16,\"model\":\"";
        StringBuilder report = new StringBuilder("Time to first chunk, " + RUNS + " sequential streamed requests each"
                + " (after " + WARMUP + " warm-up), milliseconds\n");
        report.append(line(
                "WireMock direct, OpenAI SSE",
                measure(upstream.baseUrl() + "/openai/v1/chat/completions", null, prompt + "x\"}")));
        report.append(line(
                "WireMock direct, Anthropic SSE",
                measure(upstream.baseUrl() + "/anthropic/v1/messages", null, prompt + "x\"}")));
        report.append(line(
                "WireMock direct, Ollama NDJSON", measure(upstream.baseUrl() + "/api/chat", null, prompt + "x\"}")));
        for (String model :
                List.of("ttfc-openai", "ttfc-anthropic", "ttfc-proxy", "ttfc-local-openai", "ttfc-ollama")) {
            report.append(line(
                    "gateway → " + model,
                    measure(gateway.baseUrl() + "/v1/chat/completions", gateway.adminKey(), prompt + model + "\"}")));
        }
        Path out = Path.of("target", "adapter-ttfc.txt");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    private List<Double> measure(String url, String key, String body) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            long start = System.nanoTime();
            HttpResponse<java.io.InputStream> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                while (line != null && !(line.startsWith("data:") || line.startsWith("{"))) {
                    line = lines.readLine();
                }
                long elapsed = System.nanoTime() - start;
                assertThat(line).as("a first chunk from " + url).isNotNull();
                if (i >= WARMUP) {
                    millis.add(elapsed / 1e6);
                }
                while (lines.readLine() != null) {
                    // drain, so each request finishes before the next starts
                }
            }
        }
        return millis;
    }

    private static String line(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(
                java.util.Locale.ROOT,
                "%-34s p50 %6.2f  p90 %6.2f%n",
                what,
                sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.9)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stream(String type, String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", type).withBody(body);
    }
}
