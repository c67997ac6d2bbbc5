package ai.dyad.gateway.host.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP calls to {@code /admin}, with whatever key (or none) and headers a test wants. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response; {@code body} is {@code null} when there is none or it is not JSON. */
    public record Response(int status, String text, JsonNode body, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String key;
    private final List<Response> seen = new ArrayList<>();

    public AdminClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** The same gateway with another key ({@code null} for none). */
    public AdminClient as(String otherKey) {
        return new AdminClient(baseUrl, otherKey);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /**
     * Sends a request; a String body goes as it is, anything else as JSON. {@code headers} are name, value
     * pairs.
     */
    public Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin" + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(text(body)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        boolean typeGiven = java.util.Arrays.stream(headers).anyMatch("Content-Type"::equalsIgnoreCase);
        if (body != null && !typeGiven) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response result =
                    new Response(response.statusCode(), response.body(), parse(response.body()), response.headers());
            synchronized (seen) {
                seen.add(result);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every response this client received, in order: for scans over all of them. */
    public List<Response> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private static String text(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
