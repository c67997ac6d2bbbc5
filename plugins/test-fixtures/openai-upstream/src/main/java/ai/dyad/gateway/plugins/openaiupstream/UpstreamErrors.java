package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/** An upstream error status as an {@link AdapterException} of the matching kind. */
final class UpstreamErrors {

    private UpstreamErrors() {}

    static AdapterException of(HttpResponse<InputStream> response, ObjectMapper json) {
        String message = "upstream answered " + response.statusCode();
        String code = null;
        String param = null;
        try (InputStream body = response.body()) {
            JsonNode error = json.readTree(body).path("error");
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
            code = error.hasNonNull("code") ? error.get("code").asText() : null;
            param = error.hasNonNull("param") ? error.get("param").asText() : null;
        } catch (IOException | RuntimeException e) {
            // Not an OpenAI error body: the status alone says enough.
        }
        ErrorKind kind =
                switch (response.statusCode()) {
                    case 400, 404, 422 -> ErrorKind.INVALID_REQUEST;
                    case 401, 403 -> ErrorKind.UNAUTHORIZED;
                    case 429 -> ErrorKind.RATE_LIMITED;
                    case 503 -> ErrorKind.UNAVAILABLE;
                    case 504 -> ErrorKind.TIMEOUT;
                    default -> ErrorKind.UPSTREAM_ERROR;
                };
        return new AdapterException(kind, message, code, param, null, null);
    }
}
