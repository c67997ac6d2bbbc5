package ai.dyad.gateway.host.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Locale;

/** Parses request bodies as JSON objects, turning every way they can be wrong into a 400. */
public final class JsonBodies {

    private final ObjectReader json;

    public JsonBodies(ObjectMapper json) {
        // A second value after the object ({"a":1} x) makes the body invalid, as in any strict JSON parser.
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The body as a JSON object; checks the content type first. */
    public JsonNode parseObject(HttpServerExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(
                            415,
                            "invalid_request_error",
                            "unsupported_media_type",
                            null,
                            "content-type must be application/json (got '" + contentType + "')",
                            null)
                    .exception();
        }
        if (body.length == 0) {
            throw ApiError.invalidRequest("invalid_json", null, "request body is empty; send a JSON object")
                    .exception();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiError.invalidRequest("invalid_json", null, "request body is too deeply nested or too large")
                    .exception();
        } catch (JacksonException e) {
            throw ApiError.invalidRequest(
                            "invalid_json", null, "request body is not valid JSON: " + e.getOriginalMessage())
                    .exception();
        } catch (IOException e) {
            throw ApiError.invalidRequest("invalid_json", null, "request body could not be read")
                    .exception();
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalidRequest("invalid_json", null, "request body must be a JSON object")
                    .exception();
        }
        return node;
    }
}
