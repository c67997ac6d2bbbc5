package ai.dyad.gateway.host.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes {@link ApiError}s as OpenAI error envelopes; the one place errors become HTTP responses. */
public final class ErrorResponder {

    private static final HttpString RETRY_AFTER = HttpString.tryFromString("retry-after");

    private final ObjectMapper json;

    public ErrorResponder(ObjectMapper json) {
        this.json = json;
    }

    /** The envelope's bytes, also used inside SSE streams. */
    public byte[] body(ApiError error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", error.message());
            g.writeStringField("type", error.type());
            g.writeStringField("param", error.param());
            g.writeStringField("code", error.code());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends the error as the whole response; does nothing if the response has already started. */
    public void send(HttpServerExchange exchange, ApiError error) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.setStatusCode(error.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (error.retryAfter() != null) {
            long seconds = Math.max(1, (error.retryAfter().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().put(RETRY_AFTER, Long.toString(seconds));
        }
        ResponseWriter.sendWhole(exchange, body(error));
    }
}
