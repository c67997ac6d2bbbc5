package ai.dyad.gateway.host.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ApiException;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of an admin listing, each given at most once and each one the listing knows, so a
 * misspelt filter fails loudly instead of silently listing everything.
 */
public final class QueryParams {

    private final Map<String, Deque<String>> values;

    private QueryParams(Map<String, Deque<String>> values) {
        this.values = values;
    }

    /** The exchange's query parameters, refusing any not in {@code allowed} and any given twice. */
    public static QueryParams of(HttpServerExchange exchange, Set<String> allowed) {
        Map<String, Deque<String>> values = exchange.getQueryParameters();
        for (Map.Entry<String, Deque<String>> entry : values.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw ApiError.invalidRequest(
                                "unknown_parameter",
                                entry.getKey(),
                                "unknown query parameter '" + entry.getKey() + "'; allowed: "
                                        + String.join(", ", new TreeSet<>(allowed)))
                        .exception();
            }
            if (entry.getValue().size() > 1) {
                throw invalid(entry.getKey(), "query parameter '" + entry.getKey() + "' is given more than once");
            }
        }
        return new QueryParams(values);
    }

    /** The value, or {@code null} when absent or empty. */
    public String string(String name) {
        Deque<String> value = values.get(name);
        return value == null || value.isEmpty() || value.getFirst().isEmpty() ? null : value.getFirst();
    }

    public Boolean bool(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "'" + name + "' must be true or false");
        };
    }

    /** A whole number of at least 1, or {@code fallback} when absent. */
    public int positive(String name, int fallback) {
        String value = string(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            if (value.matches("\\d+")) {
                return Integer.MAX_VALUE; // a huge number is still a valid number; the caller caps it
            }
        }
        throw invalid(name, "'" + name + "' must be a whole number of at least 1");
    }

    static ApiException invalid(String param, String message) {
        return ApiError.invalidRequest("invalid_value", param, message).exception();
    }
}
