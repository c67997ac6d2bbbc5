package ai.dyad.gateway.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.ChildGateway;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real process writes to its log: JSON lines that parse and carry the request id, access lines,
 * a rolling log file, and never a key, a provider secret, a JWT or a prompt unless prompts were asked for.
 */
@Timeout(180)
class LogOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER_SECRET = "provsecret-7Hq2xLw9";
    private static final String PROMPT = "prompt-marker-Zq81 please keep this private";
    private static final String JWT =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6OTk5OTk5OTk5OX0." + "c2lnbmF0dXJlLW9mLWEtdGVzdC10b2tlbg";
    private static final Pattern ANY_KEY = Pattern.compile("sk-dyad-[A-Za-z0-9_-]{43}");
    private static final Pattern ANY_JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void writesOneJsonObjectALineWithTheRequestId(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        Path logFile = home.resolve("logs/gateway.log");
        try (ChildGateway child = ChildGateway.start(
                home,
                Map.of(
                        "LOG_FORMAT", "json",
                        "LOG_LEVEL", "debug",
                        "LOG_FILE", logFile.toString(),
                        "ENABLE_REQUEST_LOGGING", "true",
                        "LOG_PROMPTS", "true"))) {
            HttpResponse<String> response = chat(child, adminKey, "echo", "req-json-4711", false);
            assertThat(response.headers().firstValue("x-request-id")).contains("req-json-4711");
            HttpResponse<String> generated = chat(child, adminKey, "echo", null, false);
            String generatedId = generated.headers().firstValue("x-request-id").orElseThrow();
            assertThat(generatedId).startsWith("req_");
            assertThat(child.awaitLog(generatedId, Duration.ofSeconds(20))).isTrue();

            List<JsonNode> lines = new ArrayList<>();
            for (String line : child.stderr().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line)); // every line is one JSON object
                }
            }
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.isObject()).isTrue();
                assertThat(line.has("level")).isTrue();
                assertThat(line.has("timestamp")).isTrue();
            });
            List<JsonNode> ofRequest = lines.stream()
                    .filter(line -> line.toString().contains("req-json-4711"))
                    .toList();
            assertThat(ofRequest).isNotEmpty().allSatisfy(line -> assertThat(
                            line.at("/mdc/request_id").asText())
                    .isEqualTo("req-json-4711"));
            assertThat(ofRequest)
                    .anySatisfy(line -> assertThat(line.path("formattedMessage").asText())
                            .matches("POST /v1/chat/completions 200 \\d+ms - [0-9.]+k?b provider=demo model=echo"
                                    + " key=sk-dyad-[A-Za-z0-9_-]{4}…"));
            // Asked for with LOG_PROMPTS=true: the body is there, with the request id.
            assertThat(ofRequest)
                    .anySatisfy(line ->
                            assertThat(line.path("formattedMessage").asText()).contains("prompt-marker-Zq81"));

            assertThat(Files.readAllLines(logFile))
                    .isNotEmpty()
                    .allSatisfy(
                            line -> assertThat(JSON.readTree(line).isObject()).isTrue())
                    .anySatisfy(line -> assertThat(line).contains("req-json-4711"));
        }
    }

    @Test
    void neverLogsKeysSecretsTokensOrPrompts(@TempDir Path home) throws Exception {
        String adminKey = prepare(home);
        Path logFile = home.resolve("gateway.log");
        try (ChildGateway child = ChildGateway.start(
                home,
                Map.of(
                        "LOG_FORMAT", "dev",
                        "LOG_LEVEL", "trace",
                        "LOG_FILE", logFile.toString(),
                        "ENABLE_REQUEST_LOGGING", "true"))) {
            chat(child, adminKey, "echo", "req-plain-1", false);
            chat(child, adminKey, "echo", "req-plain-2", true);
            assertThat(chat(child, adminKey, "secretive", "req-secret", false).statusCode())
                    .isEqualTo(200);
            chat(child, adminKey, "no-such-model", "req-missing", false);
            chat(child, JWT, "echo", "req-jwt", false);
            chat(child, adminKey.substring(0, adminKey.length() - 1) + "x", "echo", "req-wrong-key", false);
            http.send(
                    HttpRequest.newBuilder(URI.create(child.baseUrl() + "/admin/anything?token=" + JWT))
                            .header("Authorization", "Bearer " + JWT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(child.awaitLog("req-wrong-key", Duration.ofSeconds(20))).isTrue();

            String log = child.stderr() + "\n" + Files.readString(logFile);
            assertThat(log).contains("req-plain-1").contains("model=secretive"); // the scan sees the traffic
            assertThat(log)
                    .doesNotContain(adminKey)
                    .doesNotContain(PROVIDER_SECRET)
                    .doesNotContain("prompt-marker-Zq81")
                    .doesNotContain(JWT.substring(0, 40));
            assertThat(ANY_KEY.matcher(log).find()).as("an API key in the log").isFalse();
            assertThat(ANY_JWT.matcher(log).find()).as("a JWT in the log").isFalse();
        }
    }

    /** First start in-process, then a provider whose config holds a secret (in its environment). */
    private static String prepare(Path home) {
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        TestGateway.seed(
                home,
                Provider.create(
                        "secretive",
                        "spawn-cli",
                        Map.of(
                                "command",
                                TestGateway.script("slow-drip").toString(),
                                "args",
                                List.of("--api-key=" + PROVIDER_SECRET),
                                "env",
                                Map.of("UPSTREAM_API_KEY", PROVIDER_SECRET, "COUNT", "1", "PAUSE", "0")),
                        List.of(ProviderModel.named("secretive"))));
        return adminKey;
    }

    private HttpResponse<String> chat(ChildGateway child, String key, String model, String requestId, boolean stream)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(child.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"));
        if (requestId != null) {
            request.header("x-request-id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
