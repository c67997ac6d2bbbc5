package ai.dyad.gateway.host.admin;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.ApiKeyCheck;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.http.ApiError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/**
 * Guards {@code /admin}. Two ways in, both as {@code Authorization: Bearer}: an admin user's JWT access
 * token, or an API key with the {@code admin} permission. Only {@code /admin/auth/*} (login, refresh,
 * logout) is open, since those are how a user gets a token. Everything here is in memory (a key lookup or
 * an HMAC check), so it runs on the IO thread.
 */
public final class AdminAuth implements HttpHandler {

    private static final AttachmentKey<AdminPrincipal> PRINCIPAL = AttachmentKey.create(AdminPrincipal.class);

    private final HttpHandler next;
    private final HttpHandler openRoutes;
    private final ApiKeyCheck keys;
    private final AdminTokenVerifier tokens;

    /**
     * @param next the guarded admin routes
     * @param openRoutes the routes under {@code /admin/auth/}, reached without credentials
     */
    public AdminAuth(HttpHandler next, HttpHandler openRoutes, ApiKeyCheck keys, AdminTokenVerifier tokens) {
        this.next = next;
        this.openRoutes = openRoutes;
        this.keys = keys;
        this.tokens = tokens;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRelativePath().startsWith("/auth/")) {
            openRoutes.handleRequest(exchange);
            return;
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        String token = ApiKeyCheck.bearerToken(header);
        AdminPrincipal principal;
        if (keys.looksLikeKey(token)) {
            ApiKeyAuth.attach(exchange, keys.authenticate(header));
            ApiKeyAuth.require(exchange, Permission.ADMIN);
            principal = new AdminPrincipal(
                    AdminPrincipal.Kind.API_KEY, ApiKeyAuth.caller(exchange).id());
        } else if (token.chars().filter(c -> c == '.').count() == 2) {
            principal = tokens.verifyAccess(token);
        } else {
            throw ApiError.unauthorized(
                            "invalid_token", "send an admin access token or an API key with the admin permission")
                    .exception();
        }
        exchange.putAttachment(PRINCIPAL, principal);
        next.handleRequest(exchange);
    }

    /** Who is calling; only for exchanges that passed this guard. */
    public static AdminPrincipal principal(HttpServerExchange exchange) {
        AdminPrincipal principal = exchange.getAttachment(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route is not behind AdminAuth");
        }
        return principal;
    }
}
