package ai.dyad.gateway.host.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts single values with AES-256-GCM into text that says how to decrypt it:
 * {@code enc:v1:<key id>:<base64url(nonce | ciphertext | tag)>}. A fresh random 96-bit nonce per value; the
 * caller's context (such as provider id and field) is bound in as associated data, so a ciphertext copied
 * to another provider or field in the database does not decrypt there.
 */
public final class SecretCipher {

    /** How every encrypted value begins; config values sent by clients may not. */
    public static final String PREFIX = "enc:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKeyRing keys) {
        this.keys = keys;
    }

    /** Whether {@code value} is a value this class encrypted. */
    public static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }

    /** Encrypts {@code plaintext} with the current key. */
    public String seal(String plaintext, String context) {
        SecretKeyRing.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + key.id() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts a value made by {@link #seal} with the same context.
     *
     * @throws UnreadableSecretException when its key is not configured or the value was tampered with
     */
    public String open(String sealed, String context) {
        String[] parts = sealed.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2) {
            throw new UnreadableSecretException("the stored secret is malformed");
        }
        SecretKeyRing.Key key = keys.find(parts[0])
                .orElseThrow(() -> new UnreadableSecretException("it was encrypted with key " + parts[0]
                        + ", which is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS"));
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("the stored secret is malformed");
        }
        if (data.length <= NONCE_BYTES) {
            throw new UnreadableSecretException("the stored secret is malformed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("the stored secret fails its integrity check (altered or moved)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Whether a sealed value was encrypted with the current key (else it is due for re-encryption). */
    public boolean sealedWithCurrentKey(String sealed) {
        return sealed.startsWith(PREFIX + keys.currentId() + ":");
    }
}
