package ai.dyad.gateway.host.providers.admin;

import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.admin.Pagination;
import ai.dyad.gateway.host.admin.QueryParams;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ApiException;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.providers.ProviderService;
import ai.dyad.gateway.host.registry.Page;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderFilter;
import ai.dyad.gateway.host.registry.SortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/providers}: list (filters {@code type}, {@code enabled}, {@code model}; paging), create,
 * read, replace (PUT, with the version read), merge-patch (PATCH, version optional), delete, enable, disable.
 * Responses carry the provider's version as {@code ETag}.
 */
public final class ProvidersAdmin implements AdminModule {

    private static final Set<String> FILTERS = Set.of("type", "enabled", "model");
    private static final Pagination PAGINATION = new Pagination(
            Map.of(
                    "name", "name",
                    "type", "type",
                    "enabled", "enabled",
                    "priority", "priority",
                    "weight", "weight",
                    "timeoutMs", "timeoutMs",
                    "createdAt", "createdAt",
                    "updatedAt", "updatedAt",
                    "healthStatus.status", "healthStatus.status"),
            List.of(new SortOrder("priority", true), new SortOrder("name", true)));

    private final ProviderService service;
    private final JsonResponses responses;
    private final JsonBodies bodies;
    private final JsonFields fields;
    private final ProviderJson providerJson;
    private final ObjectMapper json;

    public ProvidersAdmin(ProviderService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
        this.responses = new JsonResponses(json);
        this.bodies = new JsonBodies(json);
        this.fields = new JsonFields(json);
        this.providerJson = new ProviderJson(fields);
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/providers", translated(this::list));
        routes.addWithBody(Methods.POST, "/providers", translated(this::create));
        routes.add(Methods.GET, "/providers/{id}", translated(this::get));
        routes.addWithBody(Methods.PUT, "/providers/{id}", translated(this::replace));
        routes.addWithBody(Methods.PATCH, "/providers/{id}", translated(this::patch));
        routes.add(Methods.DELETE, "/providers/{id}", translated(this::delete));
        routes.add(Methods.POST, "/providers/{id}/enable", translated(exchange -> setEnabled(exchange, true)));
        routes.add(Methods.POST, "/providers/{id}/disable", translated(exchange -> setEnabled(exchange, false)));
    }

    private void list(HttpServerExchange exchange) {
        Set<String> allowed = new HashSet<>(FILTERS);
        allowed.addAll(Pagination.PARAMS);
        QueryParams params = QueryParams.of(exchange, allowed);
        ProviderFilter filter =
                new ProviderFilter(params.string("type"), params.bool("enabled"), params.string("model"));
        Page<Provider> page = service.page(filter, PAGINATION.parse(params));
        responses.send(exchange, 200, Pagination.body(page, this::toJson));
    }

    private void create(HttpServerExchange exchange, byte[] body) {
        Provider created = service.create(providerJson.parse(bodies.parseObject(exchange, body)));
        exchange.getResponseHeaders().put(Headers.LOCATION, "/admin/providers/" + created.id());
        send(exchange, 201, created);
    }

    private void get(HttpServerExchange exchange) {
        send(exchange, 200, service.find(id(exchange)));
    }

    private void replace(HttpServerExchange exchange, byte[] body) {
        JsonNode node = bodies.parseObject(exchange, body);
        long version = ExpectedVersion.required(exchange, node, fields);
        send(exchange, 200, service.replace(id(exchange), providerJson.parse(node), version));
    }

    /** The provider as the API shows it, with the patch merged in, is validated like a PUT body. */
    private void patch(HttpServerExchange exchange, byte[] body) {
        JsonNode patch = bodies.parseObject(exchange, body);
        Long version = ExpectedVersion.of(exchange, patch, fields);
        Provider current = service.find(id(exchange));
        JsonNode merged = MergePatch.apply(json.valueToTree(toJson(current)), patch);
        send(
                exchange,
                200,
                service.replace(
                        current.id(), providerJson.parse(merged), version == null ? current.version() : version));
    }

    private void delete(HttpServerExchange exchange) {
        service.delete(id(exchange), ExpectedVersion.of(exchange, null, fields));
        responses.noContent(exchange);
    }

    private void setEnabled(HttpServerExchange exchange, boolean enabled) {
        send(exchange, 200, service.setEnabled(id(exchange), enabled));
    }

    private void send(HttpServerExchange exchange, int status, Provider provider) {
        exchange.getResponseHeaders().put(Headers.ETAG, ExpectedVersion.etag(provider.version()));
        responses.send(exchange, status, toJson(provider));
    }

    private Map<String, Object> toJson(Provider provider) {
        return ProviderJson.toJson(provider, service.maskedConfig(provider));
    }

    private static String id(HttpServerExchange exchange) {
        return AdminRoutes.param(exchange, "id");
    }

    private static HttpHandler translated(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handleRequest(exchange);
            } catch (ApiException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e);
            }
        };
    }

    private static BodyThenDispatch.BodyHandler translated(BodyThenDispatch.BodyHandler handler) {
        return (exchange, body) -> {
            try {
                handler.handle(exchange, body);
            } catch (ApiException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e);
            }
        };
    }

    private static RuntimeException translate(RuntimeException e) {
        ApiError error = ProviderErrors.of(e);
        return error == null ? e : error.exception();
    }
}
