package ai.dyad.gateway.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * A registered route as a method and a path template, such as {@code GET /v1/models/{model}}. The matched
 * template is attached to each exchange: metrics label requests by it (never by the raw path, whose values
 * are unbounded) and the API docs are checked against the full list.
 */
public record RouteTemplate(String method, String path) {

    /** The template of requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private static final AttachmentKey<String> MATCHED = AttachmentKey.create(String.class);

    /** Records that {@code exchange} matched the route with this path template. */
    public static void mark(HttpServerExchange exchange, String pathTemplate) {
        exchange.putAttachment(MATCHED, pathTemplate);
    }

    /** The path template the exchange matched, or {@link #UNMATCHED}. */
    public static String matched(HttpServerExchange exchange) {
        String template = exchange.getAttachment(MATCHED);
        return template == null ? UNMATCHED : template;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
