package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.api.http.UpstreamError;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.wire.http.ErrorBodies;
import ai.dyad.gateway.wire.http.Redactor;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic's error events ({@code {"type":"error","error":{"type":"overloaded_error",…}}}) inside a 200
 * stream. Each error type has a documented status; the kind follows from it, so an overload mid-stream is
 * as retryable as a 529 answer.
 */
final class AnthropicErrors {

    private AnthropicErrors() {}

    static UpstreamHttpException inStream(JsonNode event, Redactor redactor) {
        UpstreamError error = ErrorBodies.fromNode(event, redactor);
        int status = statusOf(error.type());
        return HttpErrors.inAnswer(HttpErrors.kindForStatus(status), status, error);
    }

    /** The status Anthropic documents for each error type. */
    static int statusOf(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500; // api_error and types added later
        };
    }
}
