package ai.dyad.gateway.host.health;

import ai.dyad.gateway.host.http.ErrorBoundary;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.resilience.CircuitStates;
import ai.dyad.gateway.host.resilience.CircuitView;
import ai.dyad.gateway.host.routing.LiveProvider;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * {@code GET /health/detailed}: the database (a real ping), Redis when configured, the providers' health
 * and circuits, and the installed adapter types. {@code down} (503) when the database does not answer;
 * {@code degraded} when Redis does not, or some enabled provider is not healthy. Runs on a virtual thread:
 * the pings block.
 */
public final class DetailedHealthHandler implements HttpHandler {

    private final Store store;
    private final Optional<RedissonClient> redis;
    private final ProviderRuntime providers;
    private final ProviderHealth health;
    private final CircuitStates circuits;
    private final PluginHost plugins;
    private final JsonResponses responses;
    private final ErrorResponder errors;
    private final ExecutorService virtualThreads;
    private final Clock clock;
    private final Instant startedAt;

    public DetailedHealthHandler(
            Store store,
            Optional<RedissonClient> redis,
            ProviderRuntime providers,
            ProviderHealth health,
            CircuitStates circuits,
            PluginHost plugins,
            JsonResponses responses,
            ErrorResponder errors,
            ExecutorService virtualThreads,
            Clock clock) {
        this.store = store;
        this.redis = redis;
        this.providers = providers;
        this.health = health;
        this.circuits = circuits;
        this.plugins = plugins;
        this.responses = responses;
        this.errors = errors;
        this.virtualThreads = virtualThreads;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        ErrorBoundary report = new ErrorBoundary(this::report, errors);
        exchange.dispatch(virtualThreads, () -> report.handleRequest(exchange));
    }

    private void report(HttpServerExchange exchange) {
        Map<String, Object> database = database();
        Map<String, Object> redisReport = redis();
        Map<String, Object> providerReport = providers();
        boolean databaseUp = "up".equals(database.get("status"));
        boolean redisOk = !"down".equals(redisReport.get("status"));
        int total = (Integer) providerReport.get("total");
        boolean allHealthy = total == (Integer) providerReport.get("healthy");
        String status = !databaseUp ? "down" : redisOk && allHealthy ? "ok" : "degraded";

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        body.put("database", database);
        body.put("redis", redisReport);
        body.put("providers", providerReport);
        body.put("plugins", Map.of("adapterTypes", List.copyOf(plugins.types())));
        body.put("circuits", circuits.circuits());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        responses.send(exchange, databaseUp ? 200 : 503, body);
    }

    private Map<String, Object> database() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("store", store.embedded() ? "embedded" : "mongodb");
        long start = System.nanoTime();
        try {
            store.ping();
            report.put("status", "up");
        } catch (RuntimeException e) {
            report.put("status", "down");
            report.put("error", e.getClass().getSimpleName());
        }
        report.put("latencyMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return report;
    }

    private Map<String, Object> redis() {
        Map<String, Object> report = new LinkedHashMap<>();
        if (redis.isEmpty()) {
            report.put("status", "not_configured");
            return report;
        }
        long start = System.nanoTime();
        boolean up;
        try {
            up = redis.get().getRedisNodes(RedisNodes.SINGLE).pingAll(1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            up = false;
        }
        report.put("status", up ? "up" : "down");
        report.put("latencyMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return report;
    }

    private Map<String, Object> providers() {
        List<Map<String, Object>> items = new ArrayList<>();
        int healthy = 0;
        int total = 0;
        for (LiveProvider live : providers.table().providers()) {
            Provider provider = live.provider();
            if (!provider.enabled()) {
                continue;
            }
            total++;
            HealthStatus status = health.status(provider.id());
            if ("healthy".equals(status.status())) {
                healthy++;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", provider.id());
            item.put("name", provider.name());
            item.put("type", provider.type());
            item.put("ready", live.adapterIfReady().isPresent());
            item.put("healthStatus", HealthJson.status(status));
            item.put(
                    "circuit",
                    circuits.circuit(provider.id()).map(CircuitView::state).orElse("closed"));
            items.add(item);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("healthy", healthy);
        report.put("total", total);
        report.put("percentage", total == 0 ? 100.0 : Math.round(1000.0 * healthy / total) / 10.0);
        report.put("items", items);
        return report;
    }
}
