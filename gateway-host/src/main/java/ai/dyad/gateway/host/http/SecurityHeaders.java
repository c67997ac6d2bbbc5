package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Map;

/**
 * The response headers Helmet sets by default, on every response. One deliberate difference: the content
 * security policy leaves out {@code upgrade-insecure-requests}, because gateways are often reached over
 * plain HTTP on a private network and the directive would break the API docs page there.
 */
public final class SecurityHeaders implements HttpHandler {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self';base-uri 'self';font-src 'self' https: data:;"
            + "form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';"
            + "script-src-attr 'none';style-src 'self' https: 'unsafe-inline'";

    private static final Map<HttpString, String> HEADERS = Map.ofEntries(
            header("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            header("Cross-Origin-Opener-Policy", "same-origin"),
            header("Cross-Origin-Resource-Policy", "same-origin"),
            header("Origin-Agent-Cluster", "?1"),
            header("Referrer-Policy", "no-referrer"),
            header("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
            header("X-Content-Type-Options", "nosniff"),
            header("X-DNS-Prefetch-Control", "off"),
            header("X-Download-Options", "noopen"),
            header("X-Frame-Options", "SAMEORIGIN"),
            header("X-Permitted-Cross-Domain-Policies", "none"),
            header("X-XSS-Protection", "0"));

    private final HttpHandler next;

    public SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getResponseHeaders();
        HEADERS.forEach(headers::put);
        next.handleRequest(exchange);
    }

    private static Map.Entry<HttpString, String> header(String name, String value) {
        return Map.entry(HttpString.tryFromString(name), value);
    }
}
