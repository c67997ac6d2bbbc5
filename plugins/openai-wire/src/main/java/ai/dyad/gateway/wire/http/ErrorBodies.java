package ai.dyad.gateway.wire.http;

import ai.dyad.gateway.api.http.UpstreamError;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the error envelopes upstreams send, whichever dialect: OpenAI's and Anthropic's
 * {@code {"error":{"message","type","code","param"}}}, Ollama's {@code {"error":"…"}}, vLLM's flat
 * {@code {"object":"error","message",…}}, FastAPI's {@code {"detail":…}}, or plain text.
 */
public final class ErrorBodies {

    /** Longer plain-text bodies are cut: a message, not a page. */
    static final int MAX_TEXT = 300;

    private ErrorBodies() {}

    /** What the body says, with secrets removed; never throws. */
    public static UpstreamError parse(byte[] body, Redactor redactor) {
        if (body == null || body.length == 0) {
            return UpstreamError.empty();
        }
        try {
            JsonNode node = Json.parse(body);
            if (node != null && node.isObject()) {
                return fromNode(node, redactor);
            }
        } catch (IOException notJson) {
            // Plain text below.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return UpstreamError.empty(); // an HTML error page says nothing useful
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        return new UpstreamError(redactor.redact(text), null, null, null);
    }

    /** What a parsed error object says, such as an {@code error} event inside a stream. */
    public static UpstreamError fromNode(JsonNode node, Redactor redactor) {
        JsonNode error = node.get("error");
        JsonNode source = error != null && error.isObject() ? error : node;
        String message = Json.string(source, "message");
        if (message == null && error != null && error.isTextual()) {
            message = error.asText();
        }
        if (message == null && node.has("detail")) {
            JsonNode detail = node.get("detail");
            message = detail.isTextual() ? detail.asText() : Json.text(detail);
        }
        return new UpstreamError(
                redactor.redact(message),
                Json.string(source, "type"),
                Json.string(source, "code"),
                Json.string(source, "param"));
    }
}
