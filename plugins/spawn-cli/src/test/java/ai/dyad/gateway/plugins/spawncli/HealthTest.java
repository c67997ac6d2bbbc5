package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** health() runs the cheap version check and names a missing binary; models() discovers nothing. */
class HealthTest {

    @TempDir
    Path dir;

    @Test
    void aCliThatAnswersItsVersionCheckIsHealthy() {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "claude");
        ModelAdapter adapter =
                Providers.create(Map.of("preset", "claude-code", "env", Map.of("PATH", Providers.pathWith(bin))));

        Health health = adapter.health();
        adapter.close();

        assertThat(health.status()).isEqualTo(Health.Status.HEALTHY);
        assertThat(health.detail()).isEqualTo("fake-agent 1.0.0");
        assertThat(health.latency()).isPositive();
    }

    @Test
    void aMissingBinaryIsUnhealthyAndSaysSo() {
        ModelAdapter adapter = Providers.create(Map.of("preset", "gemini-cli", "env", Map.of("PATH", dir.toString())));

        Health health = adapter.health();
        adapter.close();

        assertThat(health.status()).isEqualTo(Health.Status.UNHEALTHY);
        assertThat(health.detail()).isEqualTo("command 'gemini' not found on PATH");
    }

    @Test
    void aFailingVersionCheckIsUnhealthy() {
        ModelAdapter adapter = Providers.create(Map.of(
                "command", FakeClis.install(dir, "fail").toString(),
                "healthArgs", List.of("9"),
                "env", Map.of("API_KEY", "secret-value-42")));

        Health health = adapter.health();
        adapter.close();

        assertThat(health.status()).isEqualTo(Health.Status.UNHEALTHY);
        assertThat(health.detail()).contains("exit status 9").contains("****").doesNotContain("secret-value-42");
    }

    @Test
    void noVersionCheckStillFindsTheCommand() {
        ModelAdapter adapter = Providers.create(Map.of("command", "true", "healthArgs", List.of()));

        Health health = adapter.health();
        adapter.close();

        assertThat(health.status()).isEqualTo(Health.Status.HEALTHY);
        assertThat(health.detail()).contains("no version check");
    }

    @Test
    void discoversNoModels() {
        ModelAdapter adapter = Providers.create(Map.of("preset", "ollama"));

        assertThat(adapter.models()).isEmpty();
        adapter.close();
    }
}
