package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.registry.ApiKey;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/** Requires a valid, enabled, unexpired API key as a bearer token and attaches it to the exchange. */
public final class ApiKeyAuth implements HttpHandler {

    private static final AttachmentKey<ApiKey> CALLER = AttachmentKey.create(ApiKey.class);

    private final HttpHandler next;
    private final ApiKeyCheck check;

    public ApiKeyAuth(HttpHandler next, ApiKeyCheck check) {
        this.next = next;
        this.check = check;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ApiKey key = check.authenticate(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        attach(exchange, key);
        next.handleRequest(exchange);
    }

    /** Records the key that authenticated the exchange (also used by admin auth). */
    public static void attach(HttpServerExchange exchange, ApiKey key) {
        exchange.putAttachment(CALLER, key);
    }

    /** The key that authenticated the exchange. */
    public static ApiKey caller(HttpServerExchange exchange) {
        ApiKey key = exchange.getAttachment(CALLER);
        if (key == null) {
            throw new IllegalStateException("route is not behind ApiKeyAuth");
        }
        return key;
    }

    /** The key that authenticated the exchange, or null when it did not pass API-key auth. */
    public static ApiKey callerIfKnown(HttpServerExchange exchange) {
        return exchange.getAttachment(CALLER);
    }

    /** Fails with 403 unless the caller holds the permission. */
    public static void require(HttpServerExchange exchange, Permission permission) {
        if (!caller(exchange).permissions().contains(permission.wireName())) {
            throw ApiError.forbidden(
                            "insufficient_permissions",
                            "this API key lacks the '" + permission.wireName() + "' permission")
                    .exception();
        }
    }

    /** Whether the caller's {@code allowedModels} admit the model (for filtering lists). */
    public static boolean allowsModel(HttpServerExchange exchange, String model) {
        return AllowedModels.permits(caller(exchange).allowedModels(), model);
    }

    /** Fails with 403 {@code model_not_allowed} unless the caller may use the model. */
    public static void requireModel(HttpServerExchange exchange, String model) {
        if (!allowsModel(exchange, model)) {
            throw new ApiError(
                            403,
                            "permission_error",
                            "model_not_allowed",
                            "model",
                            "this API key is not allowed to use the model '" + model + "'",
                            null)
                    .exception();
        }
    }
}
