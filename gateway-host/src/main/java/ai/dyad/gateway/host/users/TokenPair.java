package ai.dyad.gateway.host.users;

import java.time.Duration;

/** What a login or refresh returns: a short-lived access token and a revocable refresh token. */
public record TokenPair(String accessToken, Duration accessLifetime, String refreshToken, Duration refreshLifetime) {

    @Override
    public String toString() {
        return "TokenPair[tokens hidden]";
    }
}
