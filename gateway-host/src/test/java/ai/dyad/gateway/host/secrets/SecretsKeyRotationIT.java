package ai.dyad.gateway.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.commands.DatabaseCommands;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.RawStore;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the secrets key: from the development key to SECRETS_KEY, then to a new SECRETS_KEY with the old
 * one in SECRETS_KEY_PREVIOUS, and {@code migrate} re-encrypting everything under the new key.
 */
@Timeout(180)
class SecretsKeyRotationIT {

    private static final String FIRST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String SECOND_KEY = "c2Vjb25kLWtleS1zZWNvbmQta2V5LXNlY29uZC1rZXk=";
    private static final String API_KEY = "sk-rotate-0123456789abcdefgh";

    @TempDir
    Path home;

    @Test
    void rotatesFromTheDevelopmentKeyToSecretsKeyToANewKey() throws Exception {
        Assumptions.assumeTrue(
                TestGateway.sharedMongo().isEmpty(), "the development key exists only with the embedded store");
        TestPlugins.installVault(home.resolve("plugins"));
        String adminKey;
        String id;
        try (TestGateway dev = TestGateway.start(home)) {
            adminKey = dev.adminKey();
            id = dev.admin()
                    .post(
                            "/providers",
                            Map.of(
                                    "name",
                                    "rotated",
                                    "type",
                                    "vault-echo",
                                    "config",
                                    Map.of("apiKey", API_KEY),
                                    "models",
                                    List.of(Map.of("modelId", "rotated"))))
                    .body()
                    .get("id")
                    .asText();
        }
        assertThat(home.resolve("data/secrets.key")).exists();
        assertThat(storedKeyId(id)).isEqualTo(keyIdOf(read(home.resolve("data/secrets.key"))));

        // SECRETS_KEY set: the development key found in DATA_DIR still decrypts what it encrypted.
        try (TestGateway first = TestGateway.start(home, adminKey, Map.of("SECRETS_KEY", FIRST_KEY))) {
            assertThat(Ask.answer(first.openAi(), "rotated", "x")).contains(API_KEY);
        }
        assertThat(migrate(Map.of("SECRETS_KEY", FIRST_KEY)))
                .contains("re-encrypted")
                .contains("rotated");
        assertThat(storedKeyId(id)).isEqualTo(keyIdOf(FIRST_KEY));
        Files.delete(home.resolve("data/secrets.key"));

        // A new key without the old one: the provider is reported, not served with garbage.
        try (TestGateway lost = TestGateway.start(home, adminKey, Map.of("SECRETS_KEY", SECOND_KEY))) {
            assertThat(Ask.status(lost.openAi(), "rotated")).isEqualTo(503);
            assertThat(lost.admin()
                            .get("/providers/" + id)
                            .body()
                            .get("config")
                            .get("apiKey")
                            .asText())
                    .isEqualTo("****");
        }

        Map<String, String> rotated = Map.of("SECRETS_KEY", SECOND_KEY, "SECRETS_KEY_PREVIOUS", FIRST_KEY);
        try (TestGateway both = TestGateway.start(home, adminKey, rotated)) {
            assertThat(Ask.answer(both.openAi(), "rotated", "x")).contains(API_KEY);
        }
        assertThat(storedKeyId(id)).as("reading alone does not rewrite").isEqualTo(keyIdOf(FIRST_KEY));

        assertThat(migrate(rotated)).contains("re-encrypted");
        assertThat(storedKeyId(id)).isEqualTo(keyIdOf(SECOND_KEY));
        assertThat(migrate(rotated))
                .as("a second run has nothing to do")
                .contains("all encrypted with the current key");

        try (TestGateway second = TestGateway.start(home, adminKey, Map.of("SECRETS_KEY", SECOND_KEY))) {
            assertThat(Ask.answer(second.openAi(), "rotated", "x")).contains(API_KEY);
        }
    }

    private String migrate(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("DATA_DIR", home.resolve("data").toString());
        all.put("PLUGINS_DIR", home.resolve("plugins").toString());
        GatewayConfig config = ConfigLoader.from(all);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = DatabaseCommands.run(
                "migrate",
                List.of(),
                config,
                Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    private String storedKeyId(String id) {
        // The gateway is stopped: open the embedded store through a throwaway Store to reach its documents.
        try (var store = ai.dyad.gateway.host.registry.Store.open(
                        java.util.Optional.empty(), home.resolve("data"), Clock.systemUTC());
                RawStore raw = new RawStore(store.embeddedUrl().orElseThrow())) {
            String sealed = ((Document) raw.provider(id).get("config")).getString("apiKey");
            assertThat(sealed).startsWith(SecretCipher.PREFIX);
            return sealed.substring(SecretCipher.PREFIX.length()).split(":")[0];
        }
    }

    private static String keyIdOf(String base64) {
        return SecretKeyRing.idOf(SecretKeyRing.decode(base64));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
