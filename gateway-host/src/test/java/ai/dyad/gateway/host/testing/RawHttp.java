package ai.dyad.gateway.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a gateway, for tests that read status lines, headers and raw SSE bodies. */
public final class RawHttp {

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String key;

    public RawHttp(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** A one-message chat completion for {@code model}. */
    public HttpResponse<String> chat(String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        return send("POST", "/v1/chat/completions", body);
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + key)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** The same gateway with another key (or a bogus one). */
    public RawHttp withKey(String otherKey) {
        return new RawHttp(baseUrl, otherKey);
    }
}
