package ai.dyad.gateway.host.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that protect provider secrets: the current one encrypts, every one decrypts. Each key is
 * known by an id derived from the key itself, so ciphertexts say which key they need and rotating keys
 * needs no extra configuration.
 */
public final class SecretKeyRing {

    /** A key with its id. */
    record Key(String id, SecretKey key) {}

    private final Key current;
    private final Map<String, Key> byId;

    private SecretKeyRing(Key current, Map<String, Key> byId) {
        this.current = current;
        this.byId = Map.copyOf(byId);
    }

    /** A ring that encrypts with {@code current} and also decrypts with {@code previous}. */
    public static SecretKeyRing of(byte[] current, List<byte[]> previous) {
        Key currentKey = key(current);
        Map<String, Key> byId = new LinkedHashMap<>();
        byId.put(currentKey.id(), currentKey);
        previous.stream().map(SecretKeyRing::key).forEach(key -> byId.putIfAbsent(key.id(), key));
        return new SecretKeyRing(currentKey, byId);
    }

    /** Decodes a key as written in {@code SECRETS_KEY}: base64, standard or URL-safe, padding optional. */
    public static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip().replace('-', '+').replace('_', '/'));
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        return key;
    }

    /** The id of the key that encrypts new values. */
    public String currentId() {
        return current.id();
    }

    Key current() {
        return current;
    }

    Optional<Key> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The id of a key: 12 hex digits of a hash of it. Enough to tell a handful of keys apart; revealing a
     * 48-bit digest of a 256-bit random key tells an attacker nothing useful.
     */
    static String idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("dyad-gateway secrets key id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Key key(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + bytes.length);
        }
        return new Key(idOf(bytes), new SecretKeySpec(bytes, "AES"));
    }
}
