package ai.dyad.gateway.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.RawSocket;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Security headers, CORS, gzip, body limits, HTTP/2 and slow-client timeouts, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class HttpHygieneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.com";

    @TempDir
    static Path home;

    private TestGateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() {
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        TestGateway.seed(
                home,
                Provider.create(
                        "drip",
                        "spawn-cli",
                        Map.of("command", TestGateway.script("slow-drip").toString()),
                        List.of(ProviderModel.named("drip"))));
        gateway = TestGateway.start(
                home,
                adminKey,
                Map.of(
                        "MAX_REQUEST_SIZE", "4kb",
                        "CORS_ORIGIN", APP + ",https://other.example.com",
                        "REQUEST_PARSE_TIMEOUT_MS", "500",
                        "NO_REQUEST_TIMEOUT_MS", "800",
                        "REQUEST_BODY_TIMEOUT_MS", "800",
                        "DEFAULT_TIMEOUT_MS", "20000",
                        "CACHE_ENABLED", "false"));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void setsHelmetsSecurityHeadersOnEveryResponse() throws Exception {
        for (String path : List.of("/health", "/v1/models", "/nowhere")) {
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
            assertThat(response.headers().firstValue("x-frame-options")).contains("SAMEORIGIN");
            assertThat(response.headers().firstValue("content-security-policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(response.headers().firstValue("strict-transport-security"))
                    .isPresent();
            assertThat(response.headers().firstValue("referrer-policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("cross-origin-opener-policy"))
                    .contains("same-origin");
            assertThat(response.headers().firstValue("x-powered-by")).isEmpty();
        }
    }

    @Test
    void answersACorsPreflightBeforeAuthentication() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", APP)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains(APP);
        assertThat(response.headers().firstValue("access-control-allow-methods"))
                .hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(response.headers().firstValue("access-control-allow-headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("authorization"));
        assertThat(response.headers().allValues("vary"))
                .anySatisfy(v -> assertThat(v).contains("Origin"));
    }

    @Test
    void givesOtherOriginsNoCorsHeaders() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://evil.example.com")
                        .header("Access-Control-Request-Method", "GET")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("access-control-allow-origin"))
                .isEmpty();

        HttpResponse<String> actual = get("/v1/models", Map.of("Origin", APP));
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.headers().firstValue("access-control-allow-origin")).contains(APP);
        assertThat(actual.headers().firstValue("access-control-expose-headers"))
                .hasValueSatisfying(h -> assertThat(h).contains("x-request-id"));
    }

    @Test
    void gzipsLargeJsonForClientsThatAcceptIt() throws Exception {
        String prompt = "compress me ".repeat(300);
        HttpResponse<byte[]> response = http.send(
                chat("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).contains("gzip");
        JsonNode completion = JSON.readTree(gunzip(response.body()));
        assertThat(completion.at("/choices/0/message/content").asText()).contains("compress me");
        assertThat(response.body().length).isLessThan(prompt.length());

        HttpResponse<byte[]> plain = http.send(
                chat("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(JSON.readTree(plain.body()).at("/choices/0/message/content").asText())
                .contains("compress me");
    }

    @Test
    void neverGzipsAnEventStream() throws Exception {
        String prompt = "stream me ".repeat(300);
        HttpResponse<String> response = http.send(
                chat("{\"model\":\"echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                                + "\"}]}")
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        assertThat(response.body()).contains("stream me").endsWith("data: [DONE]\n\n");
    }

    @Test
    void refusesADeclaredOversizedBodyWithoutReadingIt() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            // Claims 100 MB but sends a few bytes: the answer must come without the rest.
            raw.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + gateway.adminKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{\"model\":");
            String response = raw.readUntilClosed();
            assertThat(response).startsWith("HTTP/1.1 413").contains("request_too_large");
        }
    }

    @Test
    void refusesAnOversizedChunkedBody() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            // Over the 4 kb limit in chunks with no length up front, and the body never ends (no last chunk):
            // the 413 comes as soon as the limit is passed. One write, so the server reads every byte sent
            // before it closes (unread bytes would make its close a reset that loses the answer).
            String chunk = "x".repeat(1000);
            StringBuilder request = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + gateway.adminKey()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                request.append(Integer.toHexString(chunk.length()))
                        .append("\r\n")
                        .append(chunk)
                        .append("\r\n");
            }
            raw.send(request.toString());
            String response = raw.readUntilClosed();
            assertThat(response).startsWith("HTTP/1.1 413").contains("request_too_large");
        }
    }

    @Test
    void keepsAHttp11ConnectionAliveAcrossRequests() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
            raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
        }
    }

    @Test
    void speaksHttp2CleartextByUpgrade() throws Exception {
        HttpClient h2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> first = h2.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = h2.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                        .header("Authorization", "Bearer " + gateway.adminKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.body()).contains("\"echo\"");
    }

    @Test
    void holdsTheBodyLimitForChunkedBodiesSentWithAnH2cUpgrade() throws Exception {
        // The first request of an HTTP/2 client on plain HTTP asks for an upgrade; Undertow then buffers the
        // body itself, so the limit must hold on that path too, both ways round.
        HttpResponse<String> tooBig = chunkedOverUpgrade("y".repeat(8 * 1024));
        HttpResponse<String> small = chunkedOverUpgrade("y".repeat(2 * 1024));
        assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(413);
        assertThat(tooBig.body()).contains("request_too_large");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
        assertThat(small.body()).contains("yyyy");
    }

    private HttpResponse<String> chunkedOverUpgrade(String content) throws Exception {
        byte[] body = ("{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + gateway.adminKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void speaksHttp2WithPriorKnowledge() throws Exception {
        Process curl = new ProcessBuilder(
                        "curl",
                        "-s",
                        "--http2-prior-knowledge",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_version} %{http_code}",
                        gateway.baseUrl() + "/health")
                .start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(out).isEqualTo("2 200");
    }

    @Test
    void closesAConnectionThatNeverFinishesItsHeaders() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            raw.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            assertThat(raw.readUntilClosed()).doesNotContain("200");
        }
    }

    @Test
    void closesAnIdleConnection() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            assertThat(raw.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void closesAConnectionThatTricklesItsBody() throws Exception {
        try (RawSocket raw = new RawSocket(gateway.port())) {
            raw.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + gateway.adminKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{");
            String got = "";
            try {
                // Each byte arrives well within any per-read timeout, but the body never completes in time.
                for (int i = 0; i < 40; i++) {
                    Thread.sleep(100);
                    raw.send(" ");
                }
            } catch (IOException closed) {
                got = "closed while sending";
            }
            if (got.isEmpty()) {
                got = raw.readUntilClosed();
            }
            assertThat(got).doesNotContain("HTTP/1.1 200");
        }
    }

    @Test
    void letsASlowStreamRunLongerThanEveryClientTimeout() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient client = HttpClient.newBuilder().version(version).build();
            HttpResponse<String> response = client.send(
                    chat("{\"model\":\"drip\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().split("tick", -1)).hasSize(7);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void carriesTwoStreamsAtOnceOnOneHttp2Connection() throws Exception {
        HttpClient h2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        h2.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String body = "{\"model\":\"drip\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        var first = h2.sendAsync(chat(body).build(), HttpResponse.BodyHandlers.ofString());
        var second = h2.sendAsync(chat(body).build(), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> response : List.of(first.get(), second.get())) {
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body().split("tick", -1)).hasSize(7);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
        }
    }

    private HttpRequest.Builder chat(String body) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + gateway.adminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + gateway.adminKey());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
