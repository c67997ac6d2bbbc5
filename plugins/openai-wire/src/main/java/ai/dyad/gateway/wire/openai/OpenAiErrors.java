package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.api.http.UpstreamError;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.wire.http.ErrorBodies;
import ai.dyad.gateway.wire.http.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Errors an OpenAI-compatible upstream reports in a 200 answer: an error object inside a stream or body. */
final class OpenAiErrors {

    private OpenAiErrors() {}

    /**
     * The exception for an {@code {"error":{…}}} object. Its kind comes from a numeric {@code code} when the
     * upstream gives its HTTP status there (llama.cpp, vLLM), else from the error's type.
     */
    static UpstreamHttpException inStream(JsonNode node, Redactor redactor) {
        UpstreamError error = ErrorBodies.fromNode(node, redactor);
        int status = statusOf(error.code());
        if (status > 0) {
            return HttpErrors.inAnswer(HttpErrors.kindForStatus(status), status, withoutNumericCode(error));
        }
        String type = error.type() == null ? "" : error.type().toLowerCase(Locale.ROOT);
        ErrorKind kind;
        if (type.contains("rate_limit")) {
            kind = ErrorKind.RATE_LIMITED;
        } else if (type.contains("overloaded") || type.contains("unavailable")) {
            kind = ErrorKind.UNAVAILABLE;
        } else {
            kind = ErrorKind.UPSTREAM_ERROR;
        }
        return HttpErrors.inAnswer(kind, 200, error);
    }

    private static int statusOf(String code) {
        if (code == null || !code.matches("[1-5][0-9][0-9]")) {
            return 0;
        }
        int status = Integer.parseInt(code);
        return status >= 400 ? status : 0;
    }

    private static UpstreamError withoutNumericCode(UpstreamError error) {
        return new UpstreamError(error.message(), error.type(), null, error.param());
    }
}
