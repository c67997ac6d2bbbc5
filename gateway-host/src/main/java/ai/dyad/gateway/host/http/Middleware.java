package ai.dyad.gateway.host.http;

import ai.dyad.gateway.host.config.OperationsConfig;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The decorators every request passes, outermost first: measuring (metrics, access log), draining during
 * shutdown, security headers, CORS (preflight answered before auth), compression.
 */
public final class Middleware {

    private Middleware() {}

    public static UnaryOperator<HttpHandler> edge(
            OperationsConfig.Http http, List<CompletedRequest.Listener> listeners, Draining draining) {
        return next -> {
            HttpHandler handler = next;
            if (http.compression()) {
                handler = Compression.wrap(handler);
            }
            if (!http.corsOrigins().isEmpty()) {
                handler = new Cors(handler, http.corsOrigins());
            }
            if (http.securityHeaders()) {
                handler = new SecurityHeaders(handler);
            }
            handler = draining.wrap(handler);
            return new CompletedRequests(handler, listeners);
        };
    }
}
