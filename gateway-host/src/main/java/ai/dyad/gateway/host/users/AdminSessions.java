package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.registry.RefreshTokenRepository;
import ai.dyad.gateway.host.registry.User;
import ai.dyad.gateway.host.registry.UserRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin logins: password check (throttled), token issue, refresh with rotation, logout. Each refresh
 * token works once: refreshing revokes it and issues a new pair; presenting an already rotated-out token
 * again means it was copied, so every session of that user is revoked.
 */
public final class AdminSessions {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSessions.class);

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final AdminTokens tokens;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final Clock clock;

    public AdminSessions(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            AdminTokens tokens,
            PasswordHasher passwords,
            LoginThrottle throttle,
            Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Checks the password and opens a session; 401 for a wrong email or password alike, 429 when throttled. */
    public TokenPair login(String email, String password, String clientAddress) {
        throttle.attempt(email, clientAddress);
        Optional<User> user = users.findByEmail(email);
        if (user.isEmpty()) {
            passwords.burnEquivalentTime(password);
            throw badCredentials();
        }
        if (!passwords.matches(password, user.get().passwordHash())
                || !user.get().enabled()) {
            throw badCredentials();
        }
        LOG.info("admin user {} logged in", user.get().id());
        return open(user.get().id());
    }

    /** Swaps a refresh token for a new pair; the old refresh token stops working. */
    public TokenPair refresh(String refreshToken) {
        AdminTokens.RefreshClaims claims = tokens.verifyRefresh(refreshToken);
        String idHash = hash(claims.tokenId());
        if (!refreshTokens.revokeIfActive(idHash, claims.userId())) {
            if (refreshTokens.wasRevoked(idHash)) {
                long revoked = refreshTokens.revokeAll(claims.userId());
                LOG.warn(
                        "a revoked refresh token of admin user {} was presented again; revoked its {} other"
                                + " session(s)",
                        claims.userId(),
                        revoked);
            }
            throw ApiError.unauthorized("refresh_token_revoked", "the refresh token is no longer valid; log in")
                    .exception();
        }
        Optional<User> user = users.findById(claims.userId());
        if (user.isEmpty() || !user.get().enabled()) {
            throw ApiError.unauthorized("user_disabled", "this admin user no longer exists or is disabled")
                    .exception();
        }
        return open(claims.userId());
    }

    /** Ends the session of the refresh token; the access token runs out on its own shortly. */
    public void logout(String refreshToken) {
        AdminTokens.RefreshClaims claims = tokens.verifyRefresh(refreshToken);
        refreshTokens.revokeIfActive(hash(claims.tokenId()), claims.userId());
    }

    /** Deletes expired refresh token records (a real MongoDB's TTL index does it too). */
    public void deleteExpired() {
        refreshTokens.deleteExpired(clock.instant());
    }

    private TokenPair open(String userId) {
        AdminTokens.IssuedTokens issued = tokens.issue(userId);
        refreshTokens.insert(hash(issued.refreshId()), userId, issued.refreshExpiresAt());
        return issued.pair();
    }

    private static RuntimeException badCredentials() {
        return ApiError.unauthorized("invalid_credentials", "email or password is incorrect")
                .exception();
    }

    private static String hash(String tokenId) {
        return HexFormat.of().formatHex(AdminTokens.sha256(tokenId.getBytes(StandardCharsets.UTF_8)));
    }
}
