package ai.dyad.gateway.host.http;

import ai.dyad.gateway.api.AdapterException;

/** The one translation of adapter error kinds into what the client sees. */
public final class AdapterErrors {

    private AdapterErrors() {}

    public static ApiError toApiError(AdapterException e) {
        String code = e.code().orElse(null);
        String param = e.param().orElse(null);
        String message = e.getMessage() == null ? e.kind().name().toLowerCase(java.util.Locale.ROOT) : e.getMessage();
        return switch (e.kind()) {
            case INVALID_REQUEST ->
                new ApiError(400, "invalid_request_error", or(code, "invalid_request"), param, message, null);
            case UNSUPPORTED ->
                new ApiError(400, "invalid_request_error", or(code, "unsupported_operation"), param, message, null);
            case UNAUTHORIZED ->
                new ApiError(
                        502,
                        "upstream_error",
                        or(code, "provider_auth_failed"),
                        null,
                        "the provider rejected the gateway's credentials: " + message,
                        null);
            case RATE_LIMITED ->
                new ApiError(
                        429,
                        "rate_limit_error",
                        or(code, "provider_rate_limited"),
                        null,
                        message,
                        e.retryAfter().orElse(null));
            case UNAVAILABLE ->
                new ApiError(
                        503,
                        "service_unavailable_error",
                        or(code, "provider_unavailable"),
                        null,
                        message,
                        e.retryAfter().orElse(null));
            case TIMEOUT -> new ApiError(504, "timeout_error", or(code, "timeout"), null, message, null);
            case UPSTREAM_ERROR -> new ApiError(502, "upstream_error", or(code, "upstream_error"), null, message, null);
            case INTERNAL -> new ApiError(500, "server_error", or(code, "adapter_error"), null, message, null);
        };
    }

    private static String or(String code, String fallback) {
        return code == null ? fallback : code;
    }
}
