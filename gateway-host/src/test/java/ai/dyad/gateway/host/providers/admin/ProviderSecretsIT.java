package ai.dyad.gateway.host.providers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.AdminClient.Response;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.LogCapture;
import ai.dyad.gateway.host.testing.RawStore;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider secrets: encrypted in the stored documents (read with the plain MongoDB driver), masked in every
 * admin response and log line, and in clear only where the adapter receives them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProviderSecretsIT {

    private static final String API_KEY = "sk-live-TOPSECRET-0123456789wxyz";
    private static final String HEADER = "Bearer hdr-TOPSECRET-9876543210";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private TestGateway gateway;
    private AdminClient admin;
    private OpenAIClient openAi;

    @BeforeAll
    void start() {
        TestPlugins.installVault(home.resolve("plugins"));
        gateway = TestGateway.start(home);
        admin = gateway.admin();
        openAi = gateway.openAi();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private static Map<String, Object> vault(String name, String model, String apiKey) {
        return Map.of(
                "name",
                name,
                "type",
                "vault-echo",
                "config",
                Map.of("apiKey", apiKey, "headers", Map.of("Authorization", HEADER), "region", "us"),
                "models",
                List.of(Map.of("modelId", model)));
    }

    @Test
    void storesSecretFieldsEncrypted() {
        String id = admin.post("/providers", vault("stored", "stored", API_KEY))
                .body()
                .get("id")
                .asText();

        try (RawStore raw = new RawStore(gateway.storeUrl())) {
            Document doc = raw.provider(id);
            Document config = (Document) doc.get("config");
            assertThat(doc.toJson()).doesNotContain("TOPSECRET").doesNotContain("0123456789wxyz");
            assertThat(config.getString("apiKey")).startsWith("enc:v1:");
            assertThat(config.get("headers")).isInstanceOf(String.class);
            assertThat(config.getString("headers")).startsWith("enc:v1:");
            assertThat(config.getString("region"))
                    .as("fields not marked secret stay readable")
                    .isEqualTo("us");
        }
        assertThat(Ask.answer(openAi, "stored", "hi"))
                .as("the adapter gets the secrets in clear")
                .contains("apiKey=" + API_KEY)
                .contains("headers={Authorization=" + HEADER + "}");
    }

    @Test
    void masksSecretsInEveryAdminResponseAndLogLine() {
        AdminClient scanned = gateway.admin();
        List<String> logged;
        try (LogCapture logs = new LogCapture()) {
            Response created = scanned.post("/providers", vault("masked", "masked", API_KEY));
            String path = "/providers/" + created.body().get("id").asText();
            JsonNode config = created.body().get("config");
            assertThat(config.get("apiKey").asText()).isEqualTo("sk-…wxyz");
            assertThat(config.get("headers").get("Authorization").asText()).isEqualTo("Bea…3210");
            assertThat(config.get("region").asText()).isEqualTo("us");

            scanned.get(path);
            scanned.get("/providers");
            scanned.get("/providers?type=vault-echo&sortBy=name:desc");
            scanned.put(path, scanned.get(path).body());
            scanned.patch(path, Map.of("config", Map.of("retries", 2)));
            scanned.post(path + "/disable", null);
            scanned.post(path + "/enable", null);
            scanned.post("/providers", vault("masked", "masked", API_KEY)); // 409, echoing nothing
            scanned.patch(path, Map.of("config", Map.of("region", "moon"))); // 400
            Ask.answer(openAi, "masked", "hi");
            logged = logs.lines();
        }

        assertThat(scanned.seen()).hasSizeGreaterThanOrEqualTo(11);
        for (Response response : scanned.seen()) {
            assertThat(response.text()).doesNotContain("TOPSECRET").doesNotContain("enc:v1:");
        }
        assertThat(logged).isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain("TOPSECRET");
        assertThat(gateway.console()).doesNotContain("TOPSECRET");
    }

    @Test
    void aSecretSentBackMaskedKeepsItsValueAndANewOneReplacesIt() {
        String path = "/providers/"
                + admin.post("/providers", vault("kept", "kept", API_KEY))
                        .body()
                        .get("id")
                        .asText();

        JsonNode read = admin.get(path).body();
        Response put = admin.put(path, read);
        assertThat(put.status()).isEqualTo(200);
        assertThat(Ask.answer(openAi, "kept", "x"))
                .contains("apiKey=" + API_KEY)
                .contains(HEADER);

        ObjectNode changed = put.body().deepCopy();
        ((ObjectNode) changed.get("config")).put("apiKey", "sk-rotated-NEWSECRET-000011112222");
        assertThat(admin.put(path, changed).status()).isEqualTo(200);
        assertThat(Ask.answer(openAi, "kept", "x"))
                .contains("apiKey=sk-rotated-NEWSECRET-000011112222")
                .as("the masked header was kept")
                .contains(HEADER);
    }

    @Test
    void aCiphertextMovedToAnotherProviderDoesNotDecrypt() {
        String victim = admin.post("/providers", vault("victim", "victim", API_KEY))
                .body()
                .get("id")
                .asText();
        String thief = admin.post("/providers", vault("thief", "thief", "sk-thief-own-key-0123456789"))
                .body()
                .get("id")
                .asText();
        try (RawStore raw = new RawStore(gateway.storeUrl())) {
            Object stolen = ((Document) raw.provider(victim).get("config")).get("apiKey");
            raw.setProviderField(thief, "config.apiKey", stolen);
        }
        // Any provider write reloads routing, which reads the tampered document.
        admin.patch("/providers/" + victim, Map.of("priority", 1));

        assertThat(Ask.status(openAi, "thief")).isEqualTo(503);
        JsonNode shown = admin.get("/providers/" + thief).body();
        assertThat(shown.get("config").get("apiKey").asText()).isEqualTo("****");
        assertThat(Ask.answer(openAi, "victim", "x")).contains(API_KEY);
    }

    @Test
    void theProviderJsonHasNoInternalFields() throws Exception {
        Response created = admin.post("/providers", vault("shape", "shape", API_KEY));

        String text = JSON.writeValueAsString(created.body());
        assertThat(text).doesNotContain("\"_id\"").doesNotContain("className").doesNotContain("responseTime\"");
        assertThat(created.body().get("healthStatus").has("responseTimeMs")).isTrue();
    }
}
