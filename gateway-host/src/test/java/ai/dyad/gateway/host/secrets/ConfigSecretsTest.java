package ai.dyad.gateway.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSecretsTest {

    private static final byte[] KEY = "config-secrets-test-key-32-bytes".getBytes();
    private static final Set<String> SECRET = Set.of("apiKey", "headers");

    private final ConfigSecrets secrets =
            new ConfigSecrets(new SecretCipher(SecretKeyRing.of(KEY, List.of())), new ObjectMapper());

    private final Map<String, Object> clear = Map.of(
            "apiKey",
            "sk-ant-0123456789abcdef",
            "headers",
            Map.of("x-token", "tok-0123456789abcdef", "x-short", "abc"),
            "region",
            "eu",
            "retries",
            3);

    @Test
    void sealsOnlySecretFieldsOfAnyTypeAndRevealsThemAll() {
        Map<String, Object> stored = secrets.seal("p1", clear, SECRET);

        assertThat(stored.get("apiKey")).asString().startsWith(SecretCipher.PREFIX);
        assertThat(stored.get("headers")).asString().startsWith(SecretCipher.PREFIX);
        assertThat(stored.get("region")).isEqualTo("eu");
        assertThat(stored.get("retries")).isEqualTo(3);
        assertThat(secrets.reveal("p1", stored)).isEqualTo(clear);
        assertThat(secrets.needsSealing(stored, SECRET)).isFalse();
        assertThat(secrets.needsSealing(clear, SECRET)).isTrue();
    }

    @Test
    void masksSecretsForDisplay() {
        Map<String, Object> stored = secrets.seal("p1", clear, SECRET);

        Map<String, Object> shown = secrets.mask("p1", stored, SECRET);

        assertThat(shown.get("apiKey")).isEqualTo("sk-…cdef");
        assertThat(shown.get("headers")).isEqualTo(Map.of("x-token", "tok…cdef", "x-short", "****"));
        assertThat(shown.get("region")).isEqualTo("eu");
        assertThat(secrets.mask("p1", clear, SECRET).get("apiKey"))
                .as("a secret still stored in clear is masked too")
                .isEqualTo("sk-…cdef");
    }

    @Test
    void masksAnEncryptedValueItCannotReadAsHidden() {
        Map<String, Object> stored = secrets.seal("p1", clear, SECRET);

        assertThat(secrets.mask("another-provider", stored, Set.of()).get("apiKey"))
                .isEqualTo(SecretMask.HIDDEN);
        assertThatThrownBy(() -> secrets.reveal("another-provider", stored))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageMatching("config key .(apiKey|headers). cannot be decrypted: .*");
    }

    @Test
    void reencryptsValuesUnderAnOlderKey() {
        ConfigSecrets old = new ConfigSecrets(
                new SecretCipher(SecretKeyRing.of("an-older-key-an-older-key-older!".getBytes(), List.of())),
                new ObjectMapper());
        ConfigSecrets rotated = new ConfigSecrets(
                new SecretCipher(SecretKeyRing.of(KEY, List.of("an-older-key-an-older-key-older!".getBytes()))),
                new ObjectMapper());
        Map<String, Object> stored = old.seal("p1", clear, SECRET);

        assertThat(rotated.needsSealing(stored, SECRET)).isTrue();
        Map<String, Object> resealed = rotated.seal("p1", stored, SECRET);

        assertThat(rotated.needsSealing(resealed, SECRET)).isFalse();
        assertThat(secrets.reveal("p1", resealed))
                .as("readable with the new key alone")
                .isEqualTo(clear);
    }

    @Test
    void keepsSecretsSentBackExactlyAsTheyWereShown() {
        Map<String, Object> sent = Map.of(
                "apiKey", "sk-…cdef",
                "headers", Map.of("x-token", "tok…cdef", "x-short", "new-short-value", "x-new", "n"),
                "region", "us");

        Map<String, Object> resolved = ConfigSecrets.keepUnchanged(sent, clear, SECRET);

        assertThat(resolved.get("apiKey")).isEqualTo("sk-ant-0123456789abcdef");
        assertThat(resolved.get("headers"))
                .isEqualTo(Map.of("x-token", "tok-0123456789abcdef", "x-short", "new-short-value", "x-new", "n"));
        assertThat(resolved.get("region")).isEqualTo("us");
        assertThat(ConfigSecrets.keepUnchanged(Map.of("apiKey", "sk-…zzzz"), clear, SECRET)
                        .get("apiKey"))
                .as("a mask of some other value is not the stored secret")
                .isEqualTo("sk-…zzzz");
    }

    @Test
    void masksShortSecretsEntirely() {
        assertThat(SecretMask.of("abc")).isEqualTo("****");
        assertThat(SecretMask.of("fifteen-chars!!")).isEqualTo("****");
        assertThat(SecretMask.of("sixteen-chars!!!")).isEqualTo("six…s!!!");
    }
}
