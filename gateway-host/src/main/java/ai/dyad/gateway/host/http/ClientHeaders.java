package ai.dyad.gateway.host.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client's request headers that adapters may see (and a proxy may forward): everything but credentials
 * and the headers that belong to one hop of the connection.
 */
public final class ClientHeaders {

    private static final Set<String> WITHHELD = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "x-api-key",
            "api-key",
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "host",
            "content-length",
            "content-encoding",
            "accept-encoding");

    private ClientHeaders() {}

    public static Map<String, String> of(HttpServerExchange exchange) {
        Map<String, String> visible = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString().toLowerCase(Locale.ROOT);
            if (!WITHHELD.contains(name) && !name.startsWith(":")) {
                visible.put(name, String.join(", ", values));
            }
        }
        return visible;
    }
}
