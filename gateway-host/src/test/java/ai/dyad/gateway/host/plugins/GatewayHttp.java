package ai.dyad.gateway.host.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Raw HTTP against a test gateway, for the admin API and for polling chat answers. */
final class GatewayHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body parsed as JSON when it is JSON. */
    record Response(int status, String body, JsonNode json) {
        String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        String errorMessage() {
            return json.path("error").path("message").asText("");
        }

        String answer() {
            return json.at("/choices/0/message/content").asText(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GatewayHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET());
    }

    Response post(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response post(String path, String key, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path, key).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    Response delete(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).DELETE());
    }

    /** A non-streamed chat completion with one user message. */
    Response chat(String key, String model, String prompt) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(
                Map.of("model", model, "messages", new Object[] {Map.of("role", "user", "content", prompt)}));
        return post("/v1/chat/completions", key, body, "application/json");
    }

    /** Asks until the answer passes {@code test}; fails after {@code guard} (a hang guard, not a speed check). */
    Response awaitChat(String key, String model, String prompt, Predicate<Response> test, Duration guard)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        Response last;
        do {
            last = chat(key, model, prompt);
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no matching answer from model " + model + " within " + guard + "; last: "
                + last.status() + " " + last.body());
    }

    /** Reads the plugin list until {@code test} holds for it; fails after {@code guard}. */
    Response awaitPlugins(String key, Predicate<JsonNode> test, Duration guard)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        Response last;
        do {
            last = get("/admin/plugins", key);
            if (last.status() == 200 && test.test(last.json().path("data"))) {
                return last;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the plugin list never matched within " + guard + "; last: " + last.body());
    }

    /** The entry for {@code id} in a plugin list's {@code data} array, or a missing node. */
    static JsonNode entry(JsonNode data, String id) {
        for (JsonNode plugin : data) {
            if (id.equals(plugin.path("id").asText())) {
                return plugin;
            }
        }
        return MissingNode.getInstance();
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = MissingNode.getInstance();
        }
        return new Response(response.statusCode(), response.body(), json);
    }
}
