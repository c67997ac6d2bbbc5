package ai.dyad.gateway.host.http;

import java.time.Duration;

/**
 * An error as the client sees it: HTTP status plus OpenAI's {@code {"error":{message,type,param,code}}}.
 *
 * @param param the request parameter at fault; nullable
 * @param code a stable machine-readable code; nullable
 * @param retryAfter sent as {@code retry-after} when present; nullable
 */
public record ApiError(int status, String type, String code, String param, String message, Duration retryAfter) {

    public static ApiError invalidRequest(String code, String param, String message) {
        return new ApiError(400, "invalid_request_error", code, param, message, null);
    }

    public static ApiError unauthorized(String code, String message) {
        return new ApiError(401, "authentication_error", code, null, message, null);
    }

    public static ApiError forbidden(String code, String message) {
        return new ApiError(403, "permission_error", code, null, message, null);
    }

    /** OpenAI types its 404s (an unknown model, URL or object) {@code invalid_request_error}; so does this. */
    public static ApiError notFound(String code, String param, String message) {
        return new ApiError(404, "invalid_request_error", code, param, message, null);
    }

    public static ApiError methodNotAllowed(String method) {
        return new ApiError(
                405,
                "invalid_request_error",
                "method_not_allowed",
                null,
                "method " + method + " is not allowed here",
                null);
    }

    public static ApiError tooLarge(long limit) {
        return new ApiError(
                413,
                "invalid_request_error",
                "request_too_large",
                null,
                "request body exceeds the limit of " + limit + " bytes",
                null);
    }

    public static ApiError internal(String requestId) {
        return new ApiError(
                500,
                "server_error",
                "internal_error",
                null,
                "the gateway failed to handle the request (request id " + requestId + ")",
                null);
    }

    /** This error as an exception, to unwind to the edge handler. */
    public ApiException exception() {
        return new ApiException(this);
    }
}
