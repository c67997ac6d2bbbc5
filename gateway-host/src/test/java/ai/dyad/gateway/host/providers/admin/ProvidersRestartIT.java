package ai.dyad.gateway.host.providers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the admin API creates survives a restart of the gateway and its embedded store, exactly. */
@Timeout(120)
class ProvidersRestartIT {

    @TempDir
    Path home;

    @Test
    void everythingCreatedSurvivesARestart() {
        TestPlugins.installVault(home.resolve("plugins"));
        String adminKey;
        String chatKey;
        JsonNode before;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
            AdminClient admin = first.admin();
            admin.post(
                    "/providers",
                    Map.of(
                            "name",
                            "kept-cli",
                            "type",
                            "spawn-cli",
                            "config",
                            Map.of("command", "cat", "args", List.of(), "env", Map.of("A", "b")),
                            "models",
                            List.of(Map.of("modelId", "kept-cli", "adapterModelId", "cat", "maxTokens", 99)),
                            "priority",
                            3,
                            "weight",
                            4,
                            "timeoutMs",
                            45_000));
            String vault = admin.post(
                            "/providers",
                            Map.of(
                                    "name",
                                    "kept-vault",
                                    "type",
                                    "vault-echo",
                                    "config",
                                    Map.of("apiKey", "sk-survivor-0123456789abcdef", "region", "us"),
                                    "models",
                                    List.of(Map.of("modelId", "kept-vault", "supportsStreaming", false))))
                    .body()
                    .get("id")
                    .asText();
            admin.patch("/providers/" + vault, Map.of("config", Map.of("retries", 2)));
            String off = admin.post(
                            "/providers",
                            Map.of(
                                    "name",
                                    "kept-off",
                                    "type",
                                    "spawn-cli",
                                    "config",
                                    Map.of("command", "cat"),
                                    "models",
                                    List.of(Map.of("modelId", "kept-off"))))
                    .body()
                    .get("id")
                    .asText();
            admin.post("/providers/" + off + "/disable", null);
            chatKey = first.addKey("chat only", Set.of("chat"));
            before = admin.get("/providers?sortBy=name").body();
        }

        try (TestGateway second = TestGateway.start(home, adminKey, Map.of())) {
            JsonNode after = second.admin().get("/providers?sortBy=name").body();
            assertThat(after).isEqualTo(before);
            assertThat(after.get("totalResults").asInt()).as("demo + 3").isEqualTo(4);
            assertThat(Ask.answer(second.openAi(), "kept-vault", "x")).contains("apiKey=sk-survivor-0123456789abcdef");
            assertThat(Ask.answer(second.openAi(chatKey), "kept-cli", "still here"))
                    .contains("still here");
            assertThat(Ask.status(second.openAi(), "kept-off")).isEqualTo(404);
        }
    }
}
