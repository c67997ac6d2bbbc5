package ai.dyad.gateway.host.ratelimit;

import ai.dyad.gateway.host.http.ApiError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.time.Duration;

/**
 * OpenAI's rate-limit headers ({@code x-ratelimit-limit-requests}, {@code -remaining-}, {@code -reset-},
 * and the same for tokens) and the 429 error, so clients that read them pace themselves.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {}

    static void write(HttpServerExchange exchange, String kind, WindowState state) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(HttpString.tryFromString("x-ratelimit-limit-" + kind), state.max());
        headers.put(HttpString.tryFromString("x-ratelimit-remaining-" + kind), state.remaining());
        headers.put(HttpString.tryFromString("x-ratelimit-reset-" + kind), duration(state.resetIn()));
    }

    static ApiError exceeded(String what, WindowState state, long cost) {
        String message = cost > state.max()
                ? "this request needs about " + cost + " " + what + ", more than this API key's limit of " + state.max()
                        + " per window"
                : "rate limit reached for " + what + " on this API key: limit " + state.max() + ", used " + state.used()
                        + "; try again in " + duration(state.resetIn());
        // OpenAI types a limit's 429 by what ran out: "requests" or "tokens".
        return new ApiError(
                429,
                what,
                "rate_limit_exceeded",
                null,
                message,
                state.resetIn().isZero() ? Duration.ofMillis(1) : state.resetIn());
    }

    /** OpenAI's duration format: {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3s}. */
    static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = (millis + 999) / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(seconds % 60).append('s').toString();
    }
}
