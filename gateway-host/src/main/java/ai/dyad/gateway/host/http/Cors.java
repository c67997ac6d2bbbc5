package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;

/**
 * Cross-origin access for browser clients from the configured origins ({@code *} for any). Preflight
 * requests are answered here, before authentication, since browsers send them without credentials.
 * Requests from other origins pass through without CORS headers, so the browser blocks them.
 */
public final class Cors implements HttpHandler {

    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = HttpString.tryFromString("Access-Control-Request-Method");
    private static final HttpString REQUEST_HEADERS = HttpString.tryFromString("Access-Control-Request-Headers");
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String DEFAULT_HEADERS = "authorization, content-type, x-request-id, x-dyad-cache";
    private static final String EXPOSED = "x-request-id, x-dyad-cache, retry-after";

    private final HttpHandler next;
    private final List<String> origins;
    private final boolean anyOrigin;

    /** @param origins allowed origins, or just {@code *}; never empty (leave the handler out instead) */
    public Cors(HttpHandler next, List<String> origins) {
        this.next = next;
        this.origins = List.copyOf(origins);
        this.anyOrigin = origins.equals(List.of("*"));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            next.handleRequest(exchange);
            return;
        }
        boolean allowed = anyOrigin || origins.contains(origin);
        HeaderMap response = exchange.getResponseHeaders();
        response.add(Headers.VARY, "Origin");
        if (allowed) {
            response.put(ALLOW_ORIGIN, anyOrigin ? "*" : origin);
            response.put(EXPOSE_HEADERS, EXPOSED);
        }
        if (isPreflight(exchange)) {
            if (allowed) {
                String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
                response.put(ALLOW_METHODS, METHODS);
                response.put(ALLOW_HEADERS, requested == null || requested.isBlank() ? DEFAULT_HEADERS : requested);
                response.put(MAX_AGE, "600");
            }
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }

    private static boolean isPreflight(HttpServerExchange exchange) {
        return Methods.OPTIONS.equals(exchange.getRequestMethod())
                && exchange.getRequestHeaders().contains(REQUEST_METHOD);
    }
}
