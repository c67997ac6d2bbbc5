package ai.dyad.gateway.host.health;

import ai.dyad.gateway.host.http.ResponseWriter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}: liveness, cheap, unauthenticated. */
public final class HealthHandler implements HttpHandler {

    private final Clock clock;
    private final Instant startedAt;

    public HealthHandler(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long uptime = Duration.between(startedAt, clock.instant()).toSeconds();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ResponseWriter.sendWhole(
                exchange, ("{\"status\":\"ok\",\"uptimeSeconds\":" + uptime + "}").getBytes(StandardCharsets.UTF_8));
    }
}
