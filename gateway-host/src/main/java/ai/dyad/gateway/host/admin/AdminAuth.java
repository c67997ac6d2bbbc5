package ai.dyad.gateway.host.admin;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Guards {@code /admin}: the caller must hold an API key with the {@code admin} permission. (Admin users
 * with JWT logins plug in here as a second way in.)
 */
public final class AdminAuth implements HttpHandler {

    private final HttpHandler next;

    /** @param apiKeyAuth the API-key check, wrapping what runs after it */
    public static HttpHandler wrap(HttpHandler next, java.util.function.UnaryOperator<HttpHandler> apiKeyAuth) {
        return apiKeyAuth.apply(new AdminAuth(next));
    }

    private AdminAuth(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ApiKeyAuth.require(exchange, Permission.ADMIN);
        next.handleRequest(exchange);
    }
}
