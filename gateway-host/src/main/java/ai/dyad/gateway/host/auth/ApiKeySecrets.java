package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.registry.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Makes API key secrets and their hashes. A key is the configured prefix plus 32 random bytes (256 bits)
 * in URL-safe base64; with that much entropy a plain SHA-256 is safe to store and fast to check, unlike a
 * password, which needs a slow hash.
 */
public final class ApiKeySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VISIBLE_RANDOM_CHARS = 4;

    private final String prefix;

    public ApiKeySecrets(String prefix) {
        this.prefix = prefix;
    }

    /** A new key secret; show it once and store only its {@link #hash}. */
    public String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The short prefix that identifies a key in lists, such as {@code sk-dyad-AbC1}. */
    public String visiblePrefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), prefix.length() + VISIBLE_RANDOM_CHARS));
    }

    /** An enabled key with every permission for {@code secret}, to store (it keeps only the hash). */
    public ApiKey adminKey(String name, String secret) {
        return new ApiKey(
                null,
                name,
                visiblePrefix(secret),
                hash(secret),
                Arrays.stream(Permission.values()).map(Permission::wireName).collect(Collectors.toSet()),
                true,
                null);
    }

    /** Whether a presented token has this gateway's key shape, before any lookup. */
    public boolean looksLikeKey(String token) {
        return token.startsWith(prefix) && token.length() == prefix.length() + 43;
    }

    /** The SHA-256 of a secret, as lower-case hex. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
