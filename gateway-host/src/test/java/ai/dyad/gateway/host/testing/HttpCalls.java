package ai.dyad.gateway.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP calls with full control over headers (for auth attacks, admin calls and rate-limit headers),
 * where the OpenAI SDK would hide what is on the wire.
 */
public final class HttpCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Reply(int status, java.net.http.HttpHeaders headers, String text, JsonNode json) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** {@code error.code} of an OpenAI error body, or null. */
        public String errorCode() {
            return json == null ? null : json.path("error").path("code").asText(null);
        }

        public String errorType() {
            return json == null ? null : json.path("error").path("type").asText(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;

    public HttpCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code method path} with an optional body and Authorization header value (null for none). */
    public Reply send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            String contentType = response.headers().firstValue("content-type").orElse("");
            if (contentType.startsWith("application/json") && !response.body().isEmpty()) {
                parsed = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), response.headers(), response.body(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String bearer) {
        return send("GET", path, null, bearer == null ? null : "Bearer " + bearer);
    }

    public Reply post(String path, Object body, String bearer) {
        return send("POST", path, json(body), bearer == null ? null : "Bearer " + bearer);
    }

    public Reply patch(String path, Object body, String bearer) {
        return send("PATCH", path, json(body), bearer == null ? null : "Bearer " + bearer);
    }

    public Reply delete(String path, String bearer) {
        return send("DELETE", path, null, bearer == null ? null : "Bearer " + bearer);
    }

    /** A one-message chat completion for {@code model}. */
    public Reply chat(String bearer, String model, String text, Integer maxTokens, boolean stream) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", java.util.List.of(java.util.Map.of("role", "user", "content", text)));
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", java.util.Map.of("include_usage", true));
        }
        return post("/v1/chat/completions", body, bearer);
    }
}
