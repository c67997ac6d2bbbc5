package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.admin.AdminPrincipal;
import ai.dyad.gateway.host.admin.AdminTokenVerifier;
import ai.dyad.gateway.host.http.ApiError;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Issues and checks the admin JWTs: HS256 only, with issuer, audience, expiry and a {@code type} claim
 * ({@code access} or {@code refresh}) so neither kind can stand in for the other. jjwt refuses unsigned
 * ({@code alg: none}) tokens; the explicit algorithm check also refuses any other algorithm, so a token
 * cannot choose how it is verified.
 */
public final class AdminTokens implements AdminTokenVerifier {

    static final String ISSUER = "dyad-gateway";
    static final String AUDIENCE = "dyad-gateway-admin";
    static final String TYPE_CLAIM = "type";
    private static final String ALGORITHM = "HS256";

    /** The checked content of a refresh token. */
    record RefreshClaims(String userId, String tokenId, Instant expiresAt) {}

    private final SecretKey key;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final JwtParser parser;

    /** @param secret at least 32 bytes are used as they are; a shorter (development) secret is hashed first */
    public AdminTokens(String secret, Duration accessLifetime, Duration refreshLifetime, Clock clock) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        this.key = Keys.hmacShaKeyFor(bytes.length >= 32 ? bytes : sha256(bytes));
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(ISSUER)
                .requireAudience(AUDIENCE)
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(30)
                .build();
    }

    /** A new access and refresh token for the user; the refresh token's id is returned for storing. */
    IssuedTokens issue(String userId) {
        Instant now = clock.instant();
        String refreshId = UUID.randomUUID().toString();
        String access = token(userId, "access", UUID.randomUUID().toString(), now, accessLifetime);
        String refresh = token(userId, "refresh", refreshId, now, refreshLifetime);
        return new IssuedTokens(
                new TokenPair(access, accessLifetime, refresh, refreshLifetime), refreshId, now.plus(refreshLifetime));
    }

    record IssuedTokens(TokenPair pair, String refreshId, Instant refreshExpiresAt) {}

    @Override
    public AdminPrincipal verifyAccess(String token) {
        Claims claims = verify(token, "access");
        return new AdminPrincipal(AdminPrincipal.Kind.USER, claims.getSubject());
    }

    RefreshClaims verifyRefresh(String token) {
        Claims claims = verify(token, "refresh");
        return new RefreshClaims(
                claims.getSubject(), claims.getId(), claims.getExpiration().toInstant());
    }

    private Claims verify(String token, String type) {
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (ExpiredJwtException e) {
            throw ApiError.unauthorized("token_expired", "the token has expired; log in or refresh")
                    .exception();
        } catch (JwtException | IllegalArgumentException e) {
            throw invalid();
        }
        if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw invalid();
        }
        Claims claims = jws.getPayload();
        if (!type.equals(claims.get(TYPE_CLAIM, String.class))) {
            throw ApiError.unauthorized("wrong_token_type", "this is not an " + type + " token")
                    .exception();
        }
        if (claims.getSubject() == null || claims.getId() == null || claims.getExpiration() == null) {
            throw invalid();
        }
        return claims;
    }

    private String token(String userId, String type, String id, Instant now, Duration lifetime) {
        return Jwts.builder()
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .subject(userId)
                .id(id)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .claim(TYPE_CLAIM, type)
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    private static RuntimeException invalid() {
        return ApiError.unauthorized("invalid_token", "the token is not valid").exception();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
