package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.JsonResponses;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/auth/login}, {@code /refresh} and {@code /logout}: the open part of the admin API.
 * Token responses use OAuth's field names ({@code access_token}, {@code expires_in}, ...).
 */
public final class AdminLoginModule implements AdminModule {

    private final AdminSessions sessions;
    private final JsonBodies bodies;
    private final JsonFields fields;
    private final JsonResponses responses;

    public AdminLoginModule(AdminSessions sessions, JsonResponses responses) {
        this.sessions = sessions;
        this.responses = responses;
        this.bodies = new JsonBodies(responses.mapper());
        this.fields = new JsonFields(responses.mapper());
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.addWithBody(Methods.POST, "/auth/login", this::login);
        routes.addWithBody(Methods.POST, "/auth/refresh", this::refresh);
        routes.addWithBody(Methods.POST, "/auth/logout", this::logout);
    }

    private void login(HttpServerExchange exchange, byte[] body) {
        JsonNode json = bodies.parseObject(exchange, body);
        String email = nonBlank(json, "email");
        String password = nonBlank(json, "password");
        send(exchange, sessions.login(email, password, clientAddress(exchange)));
    }

    private void refresh(HttpServerExchange exchange, byte[] body) {
        send(exchange, sessions.refresh(nonBlank(bodies.parseObject(exchange, body), "refresh_token")));
    }

    private void logout(HttpServerExchange exchange, byte[] body) {
        sessions.logout(nonBlank(bodies.parseObject(exchange, body), "refresh_token"));
        responses.noContent(exchange);
    }

    private String nonBlank(JsonNode json, String field) {
        String value = fields.requiredString(json, field, field);
        if (value.isBlank() || value.length() > 4096) {
            throw JsonFields.invalid(field, "'" + field + "' must be a non-empty string of at most 4096 characters");
        }
        return value;
    }

    private void send(HttpServerExchange exchange, TokenPair pair) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", pair.accessToken());
        out.put("token_type", "Bearer");
        out.put("expires_in", pair.accessLifetime().toSeconds());
        out.put("refresh_token", pair.refreshToken());
        out.put("refresh_expires_in", pair.refreshLifetime().toSeconds());
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-store");
        responses.send(exchange, 200, out);
    }

    // The socket's peer: a proxy in front should do its own throttling, as forwarded headers can be forged.
    private static String clientAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null
                ? "unknown"
                : source.getAddress().getHostAddress();
    }
}
