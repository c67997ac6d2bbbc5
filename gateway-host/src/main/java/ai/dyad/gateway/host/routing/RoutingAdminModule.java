package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.registry.ModelAlias;
import ai.dyad.gateway.host.registry.ModelAliasRepository;
import ai.dyad.gateway.host.registry.Provider;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The routing view and model aliases in the admin API: {@code GET /admin/routing} (who serves what),
 * {@code GET /admin/routing/resolve?model=NAME} (the order one request would try now),
 * {@code GET /admin/aliases}, {@code PUT /admin/aliases/{alias}} with {@code {"target":"MODEL"}} and
 * {@code DELETE /admin/aliases/{alias}}. Alias changes take effect at once.
 */
public final class RoutingAdminModule implements AdminModule {

    private static final Pattern ALIAS = Pattern.compile("[^*\\s]{1,200}");

    private final Router router;
    private final ModelAliasRepository aliases;
    private final JsonResponses responses;
    private final JsonBodies bodies;
    private final JsonFields fields;

    public RoutingAdminModule(Router router, ModelAliasRepository aliases, JsonResponses responses) {
        this.router = router;
        this.aliases = aliases;
        this.responses = responses;
        this.bodies = new JsonBodies(responses.mapper());
        this.fields = new JsonFields(responses.mapper());
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/routing", this::view);
        routes.add(Methods.GET, "/routing/resolve", this::resolve);
        routes.add(Methods.GET, "/aliases", this::listAliases);
        routes.addWithBody(Methods.PUT, "/aliases/{alias}", this::putAlias);
        routes.add(Methods.DELETE, "/aliases/{alias}", this::deleteAlias);
    }

    private void view(HttpServerExchange exchange) {
        RoutingTable table = router.table();
        List<Map<String, Object>> models = new ArrayList<>();
        table.all().forEach((model, list) -> models.add(entry("model", model, list)));
        List<Map<String, Object>> patterns = new ArrayList<>();
        table.patterns().forEach((pattern, list) -> patterns.add(entry("pattern", pattern, list)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("models", models);
        body.put("patterns", patterns);
        body.put("aliases", router.aliases());
        responses.send(exchange, 200, body);
    }

    private void resolve(HttpServerExchange exchange) {
        Deque<String> model = exchange.getQueryParameters().get("model");
        if (model == null || model.isEmpty() || model.getFirst().isBlank()) {
            throw JsonFields.missing("model");
        }
        Router.Resolution resolution = router.resolve(model.getFirst());
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate c : resolution.candidates()) {
            Map<String, Object> item = provider(c.provider());
            item.put("adapterModelId", c.adapterModelId());
            candidates.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requested", resolution.requested());
        body.put("model", resolution.model());
        body.put("candidates", candidates);
        responses.send(exchange, 200, body);
    }

    private void listAliases(HttpServerExchange exchange) {
        List<Map<String, Object>> data =
                aliases.findAll().stream().map(RoutingAdminModule::alias).toList();
        responses.send(exchange, 200, Map.of("object", "list", "data", data));
    }

    private void putAlias(HttpServerExchange exchange, byte[] body) {
        String alias = AdminRoutes.param(exchange, "alias");
        if (!ALIAS.matcher(alias).matches()) {
            throw JsonFields.invalid("alias", "an alias is 1-200 characters without spaces or '*'");
        }
        JsonNode request = bodies.parseObject(exchange, body);
        String target = fields.requiredString(request, "target", "target").strip();
        if (target.isEmpty() || target.equals(alias)) {
            throw JsonFields.invalid("target", "target must name another model");
        }
        if (!router.table().routes(alias).isEmpty()) {
            throw new ApiError(
                            409,
                            "invalid_request_error",
                            "alias_conflicts_with_model",
                            "alias",
                            "'" + alias + "' is already a model id; a model id always wins over an alias",
                            null)
                    .exception();
        }
        ModelAlias saved = aliases.put(alias, target);
        router.reloadAliases();
        responses.send(exchange, 200, alias(saved));
    }

    private void deleteAlias(HttpServerExchange exchange) {
        String alias = AdminRoutes.param(exchange, "alias");
        if (!aliases.delete(alias)) {
            throw ApiError.notFound("alias_not_found", "alias", "no alias '" + alias + "'")
                    .exception();
        }
        router.reloadAliases();
        responses.noContent(exchange);
    }

    private static Map<String, Object> alias(ModelAlias alias) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("alias", alias.alias());
        item.put("target", alias.target());
        item.put(
                "updatedAt",
                alias.updatedAt() == null ? null : alias.updatedAt().toString());
        return item;
    }

    private static Map<String, Object> entry(String key, String name, List<Route> routes) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(key, name);
        List<Map<String, Object>> providers = new ArrayList<>();
        for (Route route : routes) {
            Map<String, Object> p = provider(route.provider());
            p.put("adapterModelId", route.model().adapterModelId());
            providers.add(p);
        }
        item.put("providers", providers);
        return item;
    }

    private static Map<String, Object> provider(LiveProvider live) {
        Provider provider = live.provider();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", provider.id());
        item.put("name", provider.name());
        item.put("priority", provider.priority());
        item.put("weight", provider.weight());
        item.put("timeoutMs", provider.timeoutMs());
        item.put("ready", live.adapterIfReady().isPresent());
        if (live.problem() != null) {
            item.put("problem", live.problem());
        }
        return item;
    }
}
