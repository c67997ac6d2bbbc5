package ai.dyad.gateway.host.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table: malformed requests of every kind, each answered with the right status and OpenAI
 * error ({@code type}, {@code code}, {@code param}) — never a 500, never a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class MalformedRequestsIT {

    private static final String CHAT = "/v1/chat/completions";
    private static final String EMBEDDINGS = "/v1/embeddings";
    private static final String INVALID = "invalid_request_error";
    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
    private static final int LIMIT = 64 * 1024;

    @TempDir
    static Path home;

    private ConformanceGateway env;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(
                home, Map.of("MAX_REQUEST_SIZE", "64kb"), Map.of("chat-only", Set.of("chat", "models")));
    }

    @AfterAll
    void stop() {
        env.close();
    }

    /** One malformed request and the error it must get; {@code param} null means the error names none. */
    record Case(
            String name,
            String path,
            String contentType,
            byte[] body,
            boolean chunked,
            String key,
            int status,
            String type,
            String code,
            String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case chat(String name, String json, String code, String param) {
        return new Case(name, CHAT, "application/json", bytes(json), false, "admin", 400, INVALID, code, param);
    }

    private static Case chatBody(String name, String messagesAndMore, String code, String param) {
        return chat(name, "{\"model\":\"gpt-4.1\"," + messagesAndMore + "}", code, param);
    }

    private static Case withUser(String name, String more, String code, String param) {
        return chatBody(name, "\"messages\":[" + USER + "]," + more, code, param);
    }

    private static Case embed(String name, String json, String code, String param) {
        return new Case(name, EMBEDDINGS, "application/json", bytes(json), false, "admin", 400, INVALID, code, param);
    }

    Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // The body itself.
        cases.add(chat("malformed JSON", "{\"model\": \"gpt-4.1\", ", "invalid_json", null));
        cases.add(chat("empty body", "", "invalid_json", null));
        cases.add(chat("a JSON array", "[{\"model\":\"gpt-4.1\"}]", "invalid_json", null));
        cases.add(chat("a JSON string", "\"hello\"", "invalid_json", null));
        cases.add(chat("trailing garbage", "{\"model\":\"gpt-4.1\"} x", "invalid_json", null));
        cases.add(chat("NaN as a number", "{\"model\":\"gpt-4.1\",\"temperature\":NaN}", "invalid_json", null));
        cases.add(new Case(
                "invalid UTF-8",
                CHAT,
                "application/json",
                invalidUtf8(),
                false,
                "admin",
                400,
                INVALID,
                "invalid_json",
                null));
        cases.add(chat(
                "JSON nested 5000 deep",
                "{\"model\":\"gpt-4.1\",\"messages\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "invalid_json",
                null));
        cases.add(new Case(
                "body over the size limit",
                CHAT,
                "application/json",
                bytes("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(LIMIT)
                        + "\"}]}"),
                false,
                "admin",
                413,
                INVALID,
                "request_too_large",
                null));
        cases.add(new Case(
                "chunked body over the size limit",
                CHAT,
                "application/json",
                bytes("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(2 * LIMIT)
                        + "\"}]}"),
                true,
                "admin",
                413,
                INVALID,
                "request_too_large",
                null));
        cases.add(new Case(
                "text/plain content type",
                CHAT,
                "text/plain",
                bytes("{\"model\":\"gpt-4.1\"}"),
                false,
                "admin",
                415,
                INVALID,
                "unsupported_media_type",
                null));
        cases.add(new Case(
                "form content type",
                EMBEDDINGS,
                "application/x-www-form-urlencoded",
                bytes("model=x&input=y"),
                false,
                "admin",
                415,
                INVALID,
                "unsupported_media_type",
                null));
        // Required fields and their types.
        cases.add(chat("missing model", "{\"messages\":[" + USER + "]}", "missing_required_parameter", "model"));
        cases.add(chat("model is a number", "{\"model\":4,\"messages\":[" + USER + "]}", "invalid_type", "model"));
        cases.add(chat("model is empty", "{\"model\":\" \",\"messages\":[" + USER + "]}", "invalid_value", "model"));
        cases.add(chatBody("missing messages", "\"stream\":false", "missing_required_parameter", "messages"));
        cases.add(chatBody("messages is an object", "\"messages\":{}", "invalid_type", "messages"));
        cases.add(chatBody("messages is empty", "\"messages\":[]", "empty_array", "messages"));
        cases.add(chatBody("a message is a string", "\"messages\":[\"hi\"]", "invalid_type", "messages[0]"));
        cases.add(chatBody(
                "missing role",
                "\"messages\":[{\"content\":\"hi\"}]",
                "missing_required_parameter",
                "messages[0].role"));
        cases.add(chatBody(
                "invalid role",
                "\"messages\":[" + USER + ",{\"role\":\"robot\",\"content\":\"b\"}]",
                "invalid_value",
                "messages[1].role"));
        cases.add(chatBody(
                "user message without content",
                "\"messages\":[{\"role\":\"user\"}]",
                "missing_required_parameter",
                "messages[0].content"));
        cases.add(chatBody(
                "content is a number",
                "\"messages\":[{\"role\":\"user\",\"content\":7}]",
                "invalid_type",
                "messages[0].content"));
        cases.add(chatBody(
                "unknown content part type",
                "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"video\":{}}]}]",
                "invalid_value",
                "messages[0].content[0].type"));
        cases.add(chatBody(
                "image in a system message",
                "\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]",
                "invalid_value",
                "messages[0].content[0].type"));
        cases.add(chatBody(
                "image part without url",
                "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"detail\":\"low\"}}]}]",
                "missing_required_parameter",
                "messages[0].content[1].image_url.url"));
        cases.add(chatBody(
                "audio in an unknown format",
                "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
                        + "\"input_audio\":{\"data\":\"AAAA\",\"format\":\"ogg\"}}]}]",
                "invalid_value",
                "messages[0].content[0].input_audio.format"));
        cases.add(chatBody(
                "tool message without tool_call_id",
                "\"messages\":[" + USER + ",{\"role\":\"tool\",\"content\":\"42\"}]",
                "missing_required_parameter",
                "messages[1].tool_call_id"));
        cases.add(chatBody(
                "tool call without function",
                "\"messages\":[" + USER
                        + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\"}]}]",
                "missing_required_parameter",
                "messages[1].tool_calls[0].function"));
        cases.add(chatBody(
                "function message without name",
                "\"messages\":[" + USER + ",{\"role\":\"function\",\"content\":\"x\"}]",
                "missing_required_parameter",
                "messages[1].name"));
        // Optional parameters: types and ranges, with OpenAI's codes.
        cases.add(withUser("temperature is a string", "\"temperature\":\"hot\"", "invalid_type", "temperature"));
        cases.add(withUser("temperature above 2", "\"temperature\":3", "decimal_above_max_value", "temperature"));
        cases.add(withUser("top_p below 0", "\"top_p\":-0.1", "decimal_below_min_value", "top_p"));
        cases.add(withUser("n is 0", "\"n\":0", "integer_below_min_value", "n"));
        cases.add(withUser("n is a fraction", "\"n\":1.5", "invalid_type", "n"));
        cases.add(withUser("max_tokens is 0", "\"max_tokens\":0", "integer_below_min_value", "max_tokens"));
        cases.add(withUser(
                "max_completion_tokens too large",
                "\"max_completion_tokens\":1e400",
                "integer_above_max_value",
                "max_completion_tokens"));
        cases.add(withUser("seed is a fraction", "\"seed\":1.5", "invalid_type", "seed"));
        cases.add(withUser(
                "five stop sequences", "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "array_above_max_length", "stop"));
        cases.add(withUser("a stop sequence is a number", "\"stop\":[1]", "invalid_type", "stop[0]"));
        cases.add(withUser("stream is a string", "\"stream\":\"yes\"", "invalid_type", "stream"));
        cases.add(withUser(
                "include_usage is a string",
                "\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}",
                "invalid_type",
                "stream_options.include_usage"));
        cases.add(withUser(
                "logit_bias out of range",
                "\"logit_bias\":{\"50256\":200}",
                "decimal_above_max_value",
                "logit_bias.50256"));
        cases.add(withUser(
                "logit_bias key not a token", "\"logit_bias\":{\"abc\":1}", "invalid_value", "logit_bias.abc"));
        cases.add(withUser("top_logprobs without logprobs", "\"top_logprobs\":3", "invalid_value", "top_logprobs"));
        cases.add(withUser("metadata value not a string", "\"metadata\":{\"k\":1}", "invalid_type", "metadata.k"));
        cases.add(withUser(
                "tool of an unknown type", "\"tools\":[{\"type\":\"retrieval\"}]", "invalid_value", "tools[0].type"));
        cases.add(withUser(
                "function name with spaces",
                "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get weather\"}}]",
                "invalid_value",
                "tools[0].function.name"));
        cases.add(withUser("tool_choice sometimes", "\"tool_choice\":\"sometimes\"", "invalid_value", "tool_choice"));
        cases.add(withUser(
                "tool_choice function without a name",
                "\"tool_choice\":{\"type\":\"function\",\"function\":{}}",
                "missing_required_parameter",
                "tool_choice.function.name"));
        cases.add(withUser(
                "response_format xml",
                "\"response_format\":{\"type\":\"xml\"}",
                "invalid_value",
                "response_format.type"));
        cases.add(withUser(
                "json_schema without a name",
                "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}",
                "missing_required_parameter",
                "response_format.json_schema.name"));
        // Requests the chosen adapter cannot serve (the real spawn-cli demo is text only).
        cases.add(chat(
                "an image to the text-only CLI",
                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\"}}]}]}",
                "unsupported_value",
                "messages[0].content[1]"));
        cases.add(chat(
                "n > 1 to the text-only CLI",
                "{\"model\":\"echo\",\"n\":2,\"messages\":[" + USER + "]}",
                "unsupported_parameter",
                "n"));
        // Embeddings.
        embeddingCases(cases);
        // Routing, methods, permissions.
        cases.add(new Case(
                "unknown model",
                CHAT,
                "application/json",
                bytes("{\"model\":\"no-such-model\",\"messages\":[" + USER + "]}"),
                false,
                "admin",
                404,
                "invalid_request_error",
                "model_not_found",
                "model"));
        cases.add(new Case("GET on chat", CHAT, null, null, false, "admin", 405, INVALID, "method_not_allowed", null));
        cases.add(new Case(
                "embeddings without the permission",
                EMBEDDINGS,
                "application/json",
                bytes("{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}"),
                false,
                "chat-only",
                403,
                "permission_error",
                "insufficient_permissions",
                null));
        cases.add(new Case(
                "no API key",
                EMBEDDINGS,
                "application/json",
                bytes("{}"),
                false,
                null,
                401,
                INVALID,
                "missing_api_key",
                null));
        return cases.stream();
    }

    private static void embeddingCases(List<Case> cases) {
        String model = "\"model\":\"text-embedding-3-small\"";
        cases.add(embed("embeddings without input", "{" + model + "}", "missing_required_parameter", "input"));
        cases.add(embed("embeddings without model", "{\"input\":\"x\"}", "missing_required_parameter", "model"));
        cases.add(embed("empty input string", "{" + model + ",\"input\":\"\"}", "invalid_value", "input"));
        cases.add(embed("empty input array", "{" + model + ",\"input\":[]}", "empty_array", "input"));
        cases.add(embed("input is an object", "{" + model + ",\"input\":{}}", "invalid_type", "input"));
        cases.add(
                embed("strings mixed with numbers", "{" + model + ",\"input\":[\"a\",1]}", "invalid_type", "input[1]"));
        cases.add(
                embed("tokens mixed with strings", "{" + model + ",\"input\":[1,\"a\"]}", "invalid_type", "input[1]"));
        cases.add(embed("a negative token", "{" + model + ",\"input\":[[5],[-1]]}", "invalid_type", "input[1][0]"));
        cases.add(embed("an empty token array", "{" + model + ",\"input\":[[1],[]]}", "empty_array", "input[1]"));
        cases.add(embed(
                "2049 inputs",
                "{" + model + ",\"input\":[" + String.join(",", java.util.Collections.nCopies(2049, "\"a\"")) + "]}",
                "array_above_max_length",
                "input"));
        cases.add(embed(
                "unknown encoding format",
                "{" + model + ",\"input\":\"x\",\"encoding_format\":\"hex\"}",
                "invalid_value",
                "encoding_format"));
        cases.add(embed(
                "dimensions is 0",
                "{" + model + ",\"input\":\"x\",\"dimensions\":0}",
                "integer_below_min_value",
                "dimensions"));
        cases.add(embed(
                "embeddings from the chat-only CLI",
                "{\"model\":\"echo\",\"input\":\"x\"}",
                "unsupported_operation",
                null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheRightOpenAiError(Case c) throws Exception {
        String key = c.key() == null ? null : "admin".equals(c.key()) ? env.gateway.adminKey() : env.keys.get(c.key());
        RawHttp http = new RawHttp(env.gateway.baseUrl(), key);
        HttpRequest.Builder request = key == null
                ? HttpRequest.newBuilder(java.net.URI.create(env.gateway.baseUrl() + c.path()))
                        .timeout(java.time.Duration.ofSeconds(30))
                : http.request(c.path());
        if (c.body() == null) {
            request.GET();
        } else if (c.chunked()) {
            request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body())));
        } else {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        }
        if (c.contentType() != null) {
            request.header("content-type", c.contentType());
        }

        HttpResponse<String> response = http.send(request.build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = UpstreamAnswers.tree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo(c.type());
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("message").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        if (c.param() == null) {
            assertThat(error.get("param").isNull()).as("param").isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(c.param());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8() {
        byte[] head = bytes("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"");
        byte[] tail = bytes("\"}]}");
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
        body[head.length + 1] = (byte) 0x28;
        body[head.length + 2] = (byte) 0xFF; // never valid in UTF-8
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        return body;
    }
}
