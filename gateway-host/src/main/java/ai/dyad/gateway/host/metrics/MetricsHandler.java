package ai.dyad.gateway.host.metrics;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: every metric in Prometheus text format (or OpenMetrics when the scraper asks). */
public final class MetricsHandler implements HttpHandler {

    private final GatewayMetrics metrics;

    public MetricsHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            // Reading the JVM's gauges and the dynamic sources may take a moment: not on an IO thread.
            exchange.dispatch(this);
            return;
        }
        String contentType =
                GatewayMetrics.contentType(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
        StringWriter out = new StringWriter(16 * 1024);
        metrics.write(out, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(out.toString(), StandardCharsets.UTF_8);
    }
}
