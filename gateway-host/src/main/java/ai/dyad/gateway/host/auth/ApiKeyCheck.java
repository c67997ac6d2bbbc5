package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.registry.ApiKey;
import java.time.Clock;

/**
 * Decides whether an {@code Authorization} header carries a usable API key: present, well-formed, known,
 * enabled and unexpired. In memory only; safe on an IO thread.
 */
public final class ApiKeyCheck {

    private final ApiKeyCache keys;
    private final ApiKeySecrets secrets;
    private final Clock clock;

    public ApiKeyCheck(ApiKeyCache keys, ApiKeySecrets secrets, Clock clock) {
        this.keys = keys;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * The key the header names.
     *
     * @throws ai.dyad.gateway.host.http.ApiException 401 with a specific code for every way it can fail
     */
    public ApiKey authenticate(String header) {
        String token = bearerToken(header);
        ApiKey key = secrets.looksLikeKey(token) ? keys.find(token).orElse(null) : null;
        if (key == null) {
            throw unauthorized("invalid_api_key", "incorrect API key provided");
        }
        if (!key.enabled()) {
            throw unauthorized("api_key_disabled", "this API key has been disabled");
        }
        if (key.expiredAt(clock.instant())) {
            throw unauthorized("api_key_expired", "this API key has expired");
        }
        return key;
    }

    /** Whether the token has this gateway's key shape (as opposed to, say, an admin JWT). */
    public boolean looksLikeKey(String token) {
        return secrets.looksLikeKey(token);
    }

    /** The token of a {@code Bearer} header; 401 when the header is missing, blank or of another scheme. */
    public static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw unauthorized("missing_api_key", "no API key provided; send it as 'Authorization: Bearer <key>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            throw unauthorized("invalid_api_key", "the Authorization header must be 'Bearer <key>'");
        }
        return header.substring(7).strip();
    }

    // OpenAI answers bad keys with 401 and type invalid_request_error; clients key their handling on that.
    static RuntimeException unauthorized(String code, String message) {
        return new ApiError(401, "invalid_request_error", code, null, message, null).exception();
    }
}
