package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.registry.ApiKey;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/** Requires a valid, enabled API key as a bearer token and attaches it to the exchange. */
public final class ApiKeyAuth implements HttpHandler {

    private static final AttachmentKey<ApiKey> CALLER = AttachmentKey.create(ApiKey.class);

    private final HttpHandler next;
    private final ApiKeyCache keys;
    private final ApiKeySecrets secrets;

    public ApiKeyAuth(HttpHandler next, ApiKeyCache keys, ApiKeySecrets secrets) {
        this.next = next;
        this.keys = keys;
        this.secrets = secrets;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw unauthorized("missing_api_key", "no API key provided; send it as 'Authorization: Bearer " + "<key>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw unauthorized("invalid_api_key", "the Authorization header must be 'Bearer <key>'");
        }
        String token = header.substring(7).strip();
        ApiKey key = secrets.looksLikeKey(token) ? keys.find(token).orElse(null) : null;
        if (key == null) {
            throw unauthorized("invalid_api_key", "incorrect API key provided");
        }
        if (!key.enabled()) {
            throw unauthorized("api_key_disabled", "this API key has been disabled");
        }
        exchange.putAttachment(CALLER, key);
        next.handleRequest(exchange);
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

    private static RuntimeException unauthorized(String code, String message) {
        return new ApiError(401, "invalid_request_error", code, null, message, null).exception();
    }
}
