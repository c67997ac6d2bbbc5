package ai.dyad.gateway.host;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests no SDK would send, over raw HTTP: each gets the right status and OpenAI error body. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RawHttpErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private TestGateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        gateway = TestGateway.start(home, null, Map.of("MAX_REQUEST_SIZE", "4kb"));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    record Case(
            String name,
            String method,
            String path,
            String auth,
            String contentType,
            String body,
            int status,
            String type,
            String code,
            String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> cases() {
        String ok = "KEY";
        return Stream.of(
                        new Case(
                                "no Authorization header",
                                "GET",
                                "/v1/models",
                                null,
                                null,
                                null,
                                401,
                                "invalid_request_error",
                                "missing_api_key",
                                null),
                        new Case(
                                "Basic instead of Bearer",
                                "GET",
                                "/v1/models",
                                "Basic abc",
                                null,
                                null,
                                401,
                                "invalid_request_error",
                                "invalid_api_key",
                                null),
                        new Case(
                                "unknown key",
                                "GET",
                                "/v1/models",
                                "Bearer sk-dyad-nope",
                                null,
                                null,
                                401,
                                "invalid_request_error",
                                "invalid_api_key",
                                null),
                        new Case(
                                "malformed JSON",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"model\": ",
                                400,
                                "invalid_request_error",
                                "invalid_json",
                                null),
                        new Case(
                                "empty body",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "",
                                400,
                                "invalid_request_error",
                                "invalid_json",
                                null),
                        new Case(
                                "JSON array body",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "[]",
                                400,
                                "invalid_request_error",
                                "invalid_json",
                                null),
                        new Case(
                                "missing model",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                                400,
                                "invalid_request_error",
                                "missing_required_parameter",
                                "model"),
                        new Case(
                                "empty messages",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"model\":\"echo\",\"messages\":[]}",
                                400,
                                "invalid_request_error",
                                "empty_array",
                                "messages"),
                        new Case(
                                "invalid role",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"robot\",\"content\":\"b\"}]}",
                                400,
                                "invalid_request_error",
                                "invalid_value",
                                "messages[1].role"),
                        new Case(
                                "unknown model",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                                404,
                                "invalid_request_error",
                                "model_not_found",
                                "model"),
                        new Case(
                                "body over MAX_REQUEST_SIZE",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "application/json",
                                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000)
                                        + "\"}]}",
                                413,
                                "invalid_request_error",
                                "request_too_large",
                                null),
                        new Case(
                                "wrong content type",
                                "POST",
                                "/v1/chat/completions",
                                ok,
                                "text/plain",
                                "hello",
                                415,
                                "invalid_request_error",
                                "unsupported_media_type",
                                null),
                        new Case(
                                "wrong method",
                                "GET",
                                "/v1/chat/completions",
                                ok,
                                null,
                                null,
                                405,
                                "invalid_request_error",
                                "method_not_allowed",
                                null),
                        new Case(
                                "unknown path",
                                "GET",
                                "/v2/whatever",
                                null,
                                null,
                                null,
                                404,
                                "invalid_request_error",
                                "unknown_url",
                                null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithAnOpenAiError(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + c.path()))
                .method(
                        c.method(),
                        c.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.auth() != null) {
            request.header("Authorization", "KEY".equals(c.auth()) ? "Bearer " + gateway.adminKey() : c.auth());
        }
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo(c.type());
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("message").asText()).isNotBlank();
        if (c.param() == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(c.param());
        }
    }
}
