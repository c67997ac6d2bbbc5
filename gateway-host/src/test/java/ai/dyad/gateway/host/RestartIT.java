package ai.dyad.gateway.host;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.TestGateway;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store keeps its data on disk across restarts, and first-start output happens once. */
@Timeout(60)
class RestartIT {

    @TempDir
    Path home;

    @Test
    void keepsProvidersAndKeysAcrossARestart() {
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
            assertThat(adminKey).as("first start prints a key").isNotNull();
            assertThat(first.console()).contains(adminKey).contains("'echo'");
        }
        TestGateway.seed(
                home,
                Provider.create(
                        "added-before-restart",
                        "spawn-cli",
                        Map.of("command", "cat"),
                        List.of(ProviderModel.named("survivor"))));

        try (TestGateway second = TestGateway.start(home, adminKey, Map.of())) {
            assertThat(second.console()).as("no key is printed again").doesNotContain("sk-dyad-");
            List<String> ids = second.openAi().models().list().data().stream()
                    .map(Model::id)
                    .toList();
            assertThat(ids).containsExactlyInAnyOrder("echo", "survivor");
        }
    }
}
