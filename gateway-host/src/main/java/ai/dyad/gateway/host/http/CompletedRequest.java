package ai.dyad.gateway.host.http;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * A request whose response is complete, as the access log and the request metrics see it.
 *
 * @param route the matched path template, or {@link RouteTemplate#UNMATCHED}
 * @param bytesSent the response body bytes written (after compression)
 */
public record CompletedRequest(
        HttpServerExchange exchange, String method, String route, int status, Duration duration, long bytesSent) {

    /** Told about each completed request, on the thread that completed it (often an IO thread): never block. */
    @FunctionalInterface
    public interface Listener {
        void onComplete(CompletedRequest request);
    }
}
