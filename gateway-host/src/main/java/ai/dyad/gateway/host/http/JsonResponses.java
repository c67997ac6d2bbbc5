package ai.dyad.gateway.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Sends plain JSON responses (admin API, health, docs); the /v1 streams have their own writers. */
public final class JsonResponses {

    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    /** Sends {@code body} (any Jackson-serialisable value) with the given status. */
    public void send(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ResponseWriter.sendWhole(exchange, bytes);
    }

    /** Sends 204 No Content. */
    public void noContent(HttpServerExchange exchange) {
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    public ObjectMapper mapper() {
        return json;
    }
}
