package ai.dyad.gateway.host.providers.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider version a client based its change on: {@code version} in the body, or the {@code If-Match}
 * header with the {@code ETag} it read ({@code "3"}); when both are given they must agree.
 */
final class ExpectedVersion {

    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private ExpectedVersion() {}

    /** The version, or {@code null} when the client gave none (or {@code If-Match: *}). */
    static Long of(HttpServerExchange exchange, JsonNode body, JsonFields fields) {
        Long fromBody = body == null ? null : fields.longValue(body, "version", "version");
        if (fromBody != null && fromBody < 1) {
            throw JsonFields.invalid("version", "'version' starts at 1");
        }
        Long fromHeader = ifMatch(exchange);
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw JsonFields.invalid(
                    "version", "'version' (" + fromBody + ") and If-Match (" + fromHeader + ") disagree");
        }
        return fromBody != null ? fromBody : fromHeader;
    }

    /** Like {@link #of}, but a missing version is an error: a full replacement must say what it replaces. */
    static long required(HttpServerExchange exchange, JsonNode body, JsonFields fields) {
        Long version = of(exchange, body, fields);
        if (version == null) {
            throw new ApiError(
                            428,
                            "invalid_request_error",
                            "version_required",
                            "version",
                            "PUT replaces the whole provider: send the 'version' you read (or If-Match with its ETag)"
                                    + " so a change made meanwhile is not overwritten",
                            null)
                    .exception();
        }
        return version;
    }

    /** The {@code ETag} of a version. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static Long ifMatch(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.IF_MATCH);
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher m = ETAG.matcher(header.strip());
        if (!m.matches()) {
            throw ApiError.invalidRequest(
                            "invalid_value",
                            "If-Match",
                            "If-Match must be the ETag of a provider version, such as \"3\"")
                    .exception();
        }
        return Long.parseLong(m.group(1));
    }
}
