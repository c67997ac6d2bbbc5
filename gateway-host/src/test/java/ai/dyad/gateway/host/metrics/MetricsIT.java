package ai.dyad.gateway.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.PrometheusServer;
import ai.dyad.gateway.host.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known traffic through the real gateway, then {@code /metrics} checked by Prometheus's own tools:
 * {@code promtool check metrics} on the text, and a real Prometheus server scraping it, whose queries must
 * return exactly the counts the traffic implies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class MetricsIT {

    @TempDir
    static Path home;

    @TempDir
    static Path prometheusDir;

    private TestGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    private long promptTokens;
    private long completionTokens;

    @BeforeAll
    void startAndSendKnownTraffic() throws Exception {
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        TestGateway.seed(
                home,
                Provider.create(
                        "failing-cli",
                        "spawn-cli",
                        Map.of("command", TestGateway.script("fail-with-stderr").toString()),
                        List.of(ProviderModel.named("failing"))));
        gateway = TestGateway.start(home, adminKey, Map.of("CACHE_ENABLED", "false", "MAX_RETRIES", "2"));
        OpenAIClient client = gateway.openAi();
        for (int i = 0; i < 3; i++) {
            ChatCompletion completion = client.chat().completions().create(params("hello number " + i));
            promptTokens += completion.usage().orElseThrow().promptTokens();
            completionTokens += completion.usage().orElseThrow().completionTokens();
        }
        for (int i = 0; i < 2; i++) {
            try (StreamResponse<ChatCompletionChunk> stream =
                    client.chat().completions().createStreaming(params("stream number " + i))) {
                stream.stream().forEach(chunk -> chunk.usage().ifPresent(usage -> {
                    promptTokens += usage.promptTokens();
                    completionTokens += usage.completionTokens();
                }));
            }
        }
        assertThat(catchThrowable(() -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("failing")
                                .addUserMessage("hi")
                                .build())))
                .isNotNull();
        assertThat(get("/v1/models/echo").statusCode()).isEqualTo(200);
        assertThat(get("/v1/models/no/such:model-7f3a").statusCode()).isEqualTo(404);
        assertThat(get("/nowhere/raw-path-9c1d").statusCode()).isEqualTo(404);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void passesPromtoolsCheck() throws Exception {
        assumeThat(PrometheusServer.installed())
                .as("Debian's prometheus package (.ci/run installs it)")
                .isTrue();
        String text = get("/metrics").body();
        Process promtool = new ProcessBuilder(
                        PrometheusServer.binary("promtool").orElseThrow().toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(verdict).isZero();
    }

    @Test
    void keepsLabelsBounded() throws Exception {
        String text = get("/metrics").body();
        assertThat(text)
                .contains("endpoint=\"/v1/models/{model}\"")
                .contains("endpoint=\"unmatched\"")
                .doesNotContain("7f3a")
                .doesNotContain("9c1d")
                .doesNotContain("sk-dyad-");
    }

    @Test
    void countsTheTrafficAsAPrometheusServerSeesIt() throws Exception {
        assumeThat(PrometheusServer.installed())
                .as("Debian's prometheus package (.ci/run installs it)")
                .isTrue();
        try (PrometheusServer prometheus =
                PrometheusServer.scraping("127.0.0.1:" + gateway.port(), Files.createDirectories(prometheusDir))) {
            assertThat(prometheus.value("up{job=\"gateway\"}")).isEqualTo(1);
            assertThat(prometheus.target().path("lastError").asText()).isEmpty();

            assertThat(prometheus.value(
                            "gateway_requests_total{method=\"POST\",endpoint=\"/v1/chat/completions\",status=\"200\"}"))
                    .isEqualTo(5);
            assertThat(prometheus.value(
                            "gateway_requests_total{method=\"POST\",endpoint=\"/v1/chat/completions\",status=\"502\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("gateway_requests_total{endpoint=\"/v1/models/{model}\",status=\"404\"}"))
                    .isEqualTo(1);
            assertThat(prometheus.value("gateway_requests_total{endpoint=\"unmatched\",status=\"404\"}"))
                    .isEqualTo(1);
            assertThat(
                            prometheus.value(
                                    "gateway_request_duration_seconds_count{method=\"POST\",endpoint=\"/v1/chat/completions\"}"))
                    .isEqualTo(6);
            assertThat(
                            prometheus.value(
                                    "gateway_request_duration_seconds{method=\"POST\",endpoint=\"/v1/chat/completions\",quantile=\"0.99\"}"))
                    .isPositive();

            assertThat(prometheus.value("gateway_provider_requests_total{provider=\"demo\",model=\"echo\"}"))
                    .isEqualTo(5);
            // Per attempt: the failing request was tried once and retried twice (MAX_RETRIES=2).
            assertThat(prometheus.value(
                            "gateway_provider_errors_total{provider=\"failing-cli\",error_type=\"upstream_error\"}"))
                    .isEqualTo(3);
            assertThat(prometheus.value("gateway_provider_requests_total{provider=\"failing-cli\",model=\"failing\"}"))
                    .isEqualTo(3);
            assertThat(prometheus.value("gateway_tokens_processed_total{model=\"echo\",type=\"input\"}"))
                    .isEqualTo(promptTokens);
            assertThat(prometheus.value("gateway_tokens_processed_total{model=\"echo\",type=\"output\"}"))
                    .isEqualTo(completionTokens);
            assertThat(prometheus.value("gateway_time_to_first_token_seconds_count{provider=\"demo\",model=\"echo\"}"))
                    .isEqualTo(2);
            assertThat(prometheus.value("gateway_active_streams")).isZero();

            assertThat(prometheus.value("gateway_plugins{state=\"started\"}")).isGreaterThanOrEqualTo(1);
            assertThat(prometheus.value("jvm_memory_bytes{area=\"heap\",kind=\"used\"}"))
                    .isPositive();
            assertThat(prometheus.value("jvm_threads_current")).isPositive();
            assertThat(prometheus.count("jvm_gc_collections")).isPositive();
            assertThat(prometheus.count("jvm_memory_pool_bytes{kind=\"committed\"}"))
                    .isPositive();
        }
    }

    @Test
    void exportsTheCircuitStateOfEachProviderThatTookTraffic() throws Exception {
        String text = get("/metrics").body();
        double states = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("gateway_circuit_breaker_state{provider=\"failing-cli\",")) {
                states += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(text).contains("gateway_circuit_breaker_state{provider=\"failing-cli\",state=\"open\",}");
        assertThat(states).as("exactly one current state").isEqualTo(1.0);
    }

    @Test
    void countsRequestsTurnedAwayByTheRateLimit(@TempDir Path limitedHome) throws Exception {
        try (TestGateway limited = TestGateway.start(limitedHome, null, Map.of("RATE_LIMIT_MAX_REQUESTS", "1"))) {
            HttpRequest models = HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/v1/models"))
                    .header("Authorization", "Bearer " + limited.adminKey())
                    .build();
            assertThat(http.send(models, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            assertThat(http.send(models, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(429);
            String text = http.send(
                            HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(text).contains("gateway_rate_limit_rejections_total{limit=\"requests\",} 1.0");
        }
    }

    @Test
    void isOffWhenMetricsAreDisabled(@TempDir Path otherHome) throws Exception {
        try (TestGateway off = TestGateway.start(otherHome, null, Map.of("METRICS_ENABLED", "false"))) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(off.baseUrl() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    private static ChatCompletionCreateParams params(String prompt) {
        return ChatCompletionCreateParams.builder()
                .model("echo")
                .addUserMessage(prompt)
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                        .header("Authorization", "Bearer " + gateway.adminKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
