package ai.dyad.gateway.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    private static final String KEY = "c2VjcmV0cy1rZXlzLXRlc3Qtc2VjcmV0cy1rZXlzLXQ=";

    @TempDir
    Path dataDir;

    private GatewayConfig config(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("DATA_DIR", dataDir.toString());
        return ConfigLoader.from(all);
    }

    @Test
    void createsAPrivateDevelopmentKeyOnceAndReusesIt() throws Exception {
        SecretKeyRing first = SecretKeys.load(config(Map.of()));
        Path file = dataDir.resolve(SecretKeys.DEV_KEY_FILE);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SecretKeys.load(config(Map.of())).currentId()).isEqualTo(first.currentId());
    }

    @Test
    void usesSecretsKeyAndKeepsTheDevelopmentKeyForReading() {
        SecretKeyRing dev = SecretKeys.load(config(Map.of()));
        String sealedWithDev = new SecretCipher(dev).seal("old", "ctx");

        SecretKeyRing configured = SecretKeys.load(config(Map.of("SECRETS_KEY", KEY)));

        assertThat(configured.currentId()).isEqualTo(SecretKeyRing.idOf(SecretKeyRing.decode(KEY)));
        assertThat(new SecretCipher(configured).open(sealedWithDev, "ctx")).isEqualTo("old");
    }

    @Test
    void createsNoFileWhenSecretsKeyIsSet() {
        SecretKeys.load(config(Map.of("SECRETS_KEY", KEY)));

        assertThat(dataDir.resolve(SecretKeys.DEV_KEY_FILE)).doesNotExist();
        assertThat(SecretKeyRing.of(SecretKeyRing.decode(KEY), List.of()).currentId())
                .hasSize(12);
    }
}
