package ai.dyad.gateway.host.registry;

/**
 * A key's own limits; a {@code null} part falls back to the gateway default for that part.
 *
 * @param requestsPerMinute requests admitted per minute; nullable
 * @param tokensPerMinute prompt plus completion tokens per minute; nullable
 */
public record ApiKeyRateLimit(Integer requestsPerMinute, Integer tokensPerMinute) {

    public ApiKeyRateLimit {
        if (requestsPerMinute != null && requestsPerMinute < 1 || tokensPerMinute != null && tokensPerMinute < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Null when neither part is set, so "no own limit" has one representation. */
    public static ApiKeyRateLimit of(Integer requestsPerMinute, Integer tokensPerMinute) {
        return requestsPerMinute == null && tokensPerMinute == null
                ? null
                : new ApiKeyRateLimit(requestsPerMinute, tokensPerMinute);
    }
}
