package ai.dyad.gateway.host.docs;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the API, kept by hand beside the code in
 * {@code openapi.json}; a test checks it against the registered routes so the two cannot drift apart.
 */
public final class OpenApiHandler implements HttpHandler {

    private final byte[] document =
            DocsHandler.resource(OpenApiHandler.class.getClassLoader(), "ai/dyad/gateway/host/docs/openapi.json");

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, document.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }
}
