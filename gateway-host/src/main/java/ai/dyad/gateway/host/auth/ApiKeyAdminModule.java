package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.admin.AdminAuth;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.ApiKeyRepository;
import ai.dyad.gateway.host.registry.UserRepository;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/api-keys}: list, create, read, change, delete. The secret is returned once, in the create
 * response; afterwards only its visible prefix. Every change reloads this instance's cache and tells the
 * others, so a deleted or disabled key stops working everywhere within a second.
 */
public final class ApiKeyAdminModule implements AdminModule {

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final ApiKeySecrets secrets;
    private final KeyCacheSync sync;
    private final JsonResponses responses;
    private final JsonBodies bodies;
    private final ApiKeyInput input;

    public ApiKeyAdminModule(
            ApiKeyRepository keys,
            UserRepository users,
            ApiKeySecrets secrets,
            KeyCacheSync sync,
            JsonResponses responses,
            Clock clock) {
        this.keys = keys;
        this.users = users;
        this.secrets = secrets;
        this.sync = sync;
        this.responses = responses;
        this.bodies = new JsonBodies(responses.mapper());
        this.input = new ApiKeyInput(new JsonFields(responses.mapper()), clock);
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/api-keys", this::list);
        routes.addWithBody(Methods.POST, "/api-keys", this::create);
        routes.add(Methods.GET, "/api-keys/{id}", exchange -> responses.send(exchange, 200, view(find(exchange))));
        routes.addWithBody(HttpString.tryFromString("PATCH"), "/api-keys/{id}", this::patch);
        routes.add(Methods.DELETE, "/api-keys/{id}", this::delete);
    }

    private void list(HttpServerExchange exchange) {
        var data = keys.findAll().stream()
                .sorted(Comparator.comparing(ApiKey::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(ApiKeyAdminModule::view)
                .toList();
        responses.send(exchange, 200, Map.of("object", "list", "data", data));
    }

    private void create(HttpServerExchange exchange, byte[] body) {
        ApiKey settings = input.create(bodies.parseObject(exchange, body));
        String userId = settings.userId() != null
                ? settings.userId()
                : AdminAuth.principal(exchange).userIdOrNull();
        requireUser(userId);
        String secret = secrets.newSecret();
        ApiKey created = keys.insert(new ApiKey(
                null,
                settings.name(),
                secrets.visiblePrefix(secret),
                ApiKeySecrets.hash(secret),
                settings.permissions(),
                settings.enabled(),
                null,
                settings.allowedModels(),
                settings.expiresAt(),
                settings.rateLimit(),
                userId,
                null,
                null));
        sync.changed(created.id());
        Map<String, Object> out = view(created);
        out.put("key", secret);
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-store");
        responses.send(exchange, 201, out);
    }

    private void patch(HttpServerExchange exchange, byte[] body) {
        ApiKey changed = input.patch(bodies.parseObject(exchange, body), find(exchange));
        requireUser(changed.userId());
        ApiKey stored = keys.update(changed).orElseThrow(() -> notFound(changed.id()));
        sync.changed(stored.id());
        responses.send(exchange, 200, view(stored));
    }

    private void delete(HttpServerExchange exchange) {
        String id = AdminRoutes.param(exchange, "id");
        if (!keys.delete(id)) {
            throw notFound(id);
        }
        sync.changed(id);
        responses.noContent(exchange);
    }

    private ApiKey find(HttpServerExchange exchange) {
        String id = AdminRoutes.param(exchange, "id");
        return keys.findById(id).orElseThrow(() -> notFound(id));
    }

    private void requireUser(String userId) {
        if (userId != null && users.findById(userId).isEmpty()) {
            throw ApiError.invalidRequest("user_not_found", "userId", "no admin user has the id '" + userId + "'")
                    .exception();
        }
    }

    static RuntimeException notFound(String id) {
        return ApiError.notFound("api_key_not_found", "id", "no API key has the id '" + id + "'")
                .exception();
    }

    /** A key as the admin API shows it: everything but the hash. */
    static Map<String, Object> view(ApiKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("object", "api_key");
        out.put("name", key.name());
        out.put("prefix", key.prefix());
        out.put("permissions", key.permissions().stream().sorted().toList());
        out.put("allowedModels", key.allowedModels());
        out.put("enabled", key.enabled());
        out.put("expiresAt", text(key.expiresAt()));
        out.put(
                "rateLimit",
                key.rateLimit() == null
                        ? null
                        : limits(
                                key.rateLimit().requestsPerMinute(),
                                key.rateLimit().tokensPerMinute()));
        out.put("userId", key.userId());
        out.put("createdAt", text(key.createdAt()));
        out.put("updatedAt", text(key.updatedAt()));
        out.put("lastUsed", text(key.lastUsed()));
        return out;
    }

    private static Map<String, Object> limits(Integer requests, Integer tokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requestsPerMinute", requests);
        out.put("tokensPerMinute", tokens);
        return out;
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
