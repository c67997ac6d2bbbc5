package ai.dyad.gateway.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] OLD = "old-key-old-key-old-key-old-key!".getBytes();
    private static final byte[] NEW = "new-key-new-key-new-key-new-key!".getBytes();

    private final SecretCipher cipher = new SecretCipher(SecretKeyRing.of(NEW, List.of(OLD)));

    @Test
    void sealsIntoSelfDescribingTextAndOpensItAgain() {
        String sealed = cipher.seal("sk-abc", "p1/config/apiKey");

        assertThat(sealed).startsWith("enc:v1:" + SecretKeyRing.idOf(NEW) + ":").doesNotContain("sk-abc");
        assertThat(SecretCipher.isSealed(sealed)).isTrue();
        assertThat(cipher.open(sealed, "p1/config/apiKey")).isEqualTo("sk-abc");
        assertThat(cipher.sealedWithCurrentKey(sealed)).isTrue();
    }

    @Test
    void usesAFreshNonceEveryTime() {
        assertThat(cipher.seal("same", "ctx")).isNotEqualTo(cipher.seal("same", "ctx"));
    }

    @Test
    void opensValuesSealedWithAPreviousKey() {
        SecretCipher before = new SecretCipher(SecretKeyRing.of(OLD, List.of()));
        String sealed = before.seal("legacy", "ctx");

        assertThat(cipher.open(sealed, "ctx")).isEqualTo("legacy");
        assertThat(cipher.sealedWithCurrentKey(sealed)).isFalse();
    }

    @Test
    void refusesAValueMovedToAnotherContext() {
        String sealed = cipher.seal("sk-abc", "victim/config/apiKey");

        assertThatThrownBy(() -> cipher.open(sealed, "thief/config/apiKey"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("integrity");
    }

    @Test
    void refusesATamperedValue() {
        String sealed = cipher.seal("sk-abc", "ctx");
        String[] parts = sealed.split(":");
        byte[] data = Base64.getUrlDecoder().decode(parts[3]);
        data[data.length - 1] ^= 1;
        String tampered = String.join(
                ":",
                parts[0],
                parts[1],
                parts[2],
                Base64.getUrlEncoder().withoutPadding().encodeToString(data));

        assertThatThrownBy(() -> cipher.open(tampered, "ctx")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open("enc:v1:nonsense", "ctx")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open(String.join(":", parts[0], parts[1], parts[2], "AAAA"), "ctx"))
                .isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void namesTheKeyItLacks() {
        SecretCipher other =
                new SecretCipher(SecretKeyRing.of("another-key-another-key-another!".getBytes(), List.of()));
        String sealed = other.seal("x", "ctx");

        assertThatThrownBy(() -> cipher.open(sealed, "ctx"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining(SecretKeyRing.idOf("another-key-another-key-another!".getBytes()))
                .hasMessageContaining("SECRETS_KEY_PREVIOUS");
    }

    @Test
    void decodesKeysInEitherBase64Alphabet() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb; // encodes to '+' or '-' depending on the alphabet
        key[1] = (byte) 0xff;
        assertThat(SecretKeyRing.decode(Base64.getEncoder().encodeToString(key)))
                .isEqualTo(key);
        assertThat(SecretKeyRing.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(key)))
                .isEqualTo(key);
        assertThatThrownBy(() -> SecretKeyRing.decode(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
