package ai.dyad.gateway.host.health;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.AdapterErrors;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.resilience.CircuitBreakers;
import ai.dyad.gateway.host.resilience.CircuitView;
import ai.dyad.gateway.host.routing.LiveProvider;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Per-provider resilience in the admin API ({@code {id}} is the provider's id or name):
 * {@code GET /admin/providers/{id}/circuit}, {@code POST /admin/providers/{id}/circuit/reset},
 * {@code GET /admin/providers/{id}/health} and {@code POST /admin/providers/{id}/test}.
 */
public final class ProviderChecksAdminModule implements AdminModule {

    private static final Set<String> MODES = Set.of("chat", "health");

    private final ProviderRuntime providers;
    private final CircuitBreakers circuits;
    private final ProviderHealth health;
    private final HealthChecker checker;
    private final ProviderTester tester;
    private final JsonResponses responses;
    private final JsonBodies bodies;
    private final JsonFields fields;
    private final Duration defaultTimeout;

    public ProviderChecksAdminModule(
            ProviderRuntime providers,
            CircuitBreakers circuits,
            ProviderHealth health,
            HealthChecker checker,
            ExecutorService virtualThreads,
            JsonResponses responses,
            Clock clock,
            Duration defaultTimeout) {
        this.providers = providers;
        this.circuits = circuits;
        this.health = health;
        this.checker = checker;
        this.tester = new ProviderTester(virtualThreads, clock);
        this.responses = responses;
        this.bodies = new JsonBodies(responses.mapper());
        this.fields = new JsonFields(responses.mapper());
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/providers/{id}/circuit", this::circuit);
        routes.add(Methods.POST, "/providers/{id}/circuit/reset", this::resetCircuit);
        routes.add(Methods.GET, "/providers/{id}/health", this::health);
        routes.addWithBody(Methods.POST, "/providers/{id}/test", this::test);
    }

    private void circuit(HttpServerExchange exchange) {
        Provider provider = find(exchange).provider();
        responses.send(exchange, 200, circuitOf(provider));
    }

    private void resetCircuit(HttpServerExchange exchange) {
        Provider provider = find(exchange).provider();
        circuits.reset(provider.id());
        responses.send(exchange, 200, circuitOf(provider));
    }

    private void health(HttpServerExchange exchange) {
        Provider provider = find(exchange).provider();
        HealthStatus status = health.status(provider.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", provider.id());
        body.put("name", provider.name());
        body.put("healthStatus", HealthJson.status(status));
        body.put("lastCheckDetail", health.lastCheckDetail(provider.id()).orElse(null));
        body.put("circuit", circuitOf(provider));
        responses.send(exchange, 200, body);
    }

    private void test(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        LiveProvider live = find(exchange);
        Provider provider = live.provider();
        JsonNode request =
                body.length == 0 ? responses.mapper().createObjectNode() : bodies.parseObject(exchange, body);
        String mode = fields.string(request, "mode", "mode");
        mode = mode == null ? "chat" : mode;
        if (!MODES.contains(mode)) {
            throw JsonFields.invalid("mode", "mode must be 'chat' or 'health'");
        }
        ObjectNode result = responses.mapper().createObjectNode();
        result.put("id", provider.id());
        result.put("name", provider.name());
        result.put("mode", mode);
        if ("health".equals(mode)) {
            Health probe = checker.check(live, Duration.ofSeconds(10));
            health.checked(provider.id(), probe);
            result.put("ok", probe.status() != Health.Status.UNHEALTHY);
            result.put("latencyMs", probe.latency().toMillis());
            result.put("status", probe.status().name().toLowerCase(Locale.ROOT));
            result.put("detail", probe.detail());
        } else {
            String model = fields.string(request, "model", "model");
            model = model == null ? defaultModel(provider) : model;
            Duration timeout = provider.timeoutMs() == null ? defaultTimeout : Duration.ofMillis(provider.timeoutMs());
            ProviderTester.Outcome outcome = tester.chat(live, model, timeout, RequestIds.of(exchange));
            health.checked(provider.id(), ProviderTester.asHealth(outcome));
            result.put("ok", outcome.ok());
            result.put("latencyMs", outcome.latency().toMillis());
            result.put("model", model);
            if (outcome.ok()) {
                result.put("answer", outcome.answer());
            } else {
                ApiError error = AdapterErrors.toApiError(outcome.error());
                ObjectNode e = result.putObject("error");
                e.put("message", error.message());
                e.put("type", error.type());
                e.put("code", error.code());
                e.put("status", error.status());
            }
        }
        responses.send(exchange, 200, result);
    }

    private static String defaultModel(Provider provider) {
        for (ProviderModel model : provider.models()) {
            if (model.modelId() != null && model.modelId().indexOf('*') < 0) {
                String id = model.adapterModelId();
                return id == null || id.isBlank() ? model.modelId() : id;
            }
        }
        throw JsonFields.missing("model");
    }

    private Map<String, Object> circuitOf(Provider provider) {
        CircuitView view = circuits.circuit(provider.id())
                .orElse(new CircuitView(provider.id(), provider.name(), "closed", -1, 0, 0, 0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", provider.id());
        body.put("name", provider.name());
        body.put("state", view.state());
        body.put("failureRate", view.failureRate());
        body.put("bufferedCalls", view.bufferedCalls());
        body.put("failedCalls", view.failedCalls());
        body.put("notPermittedCalls", view.notPermittedCalls());
        return body;
    }

    private LiveProvider find(HttpServerExchange exchange) {
        String key = AdminRoutes.param(exchange, "id");
        return providers.table().providers().stream()
                .filter(live -> key.equals(live.provider().id())
                        || key.equals(live.provider().name()))
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("provider_not_found", "id", "no provider '" + key + "'")
                        .exception());
    }
}
