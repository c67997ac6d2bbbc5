package ai.dyad.gateway.plugins.spawncli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.config.InvalidConfigException;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.prompt.InputMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnSettingsTest {

    @Test
    void aCommandAloneGetsTheDefaults() {
        SpawnSettings settings = settings(Map.of("command", "my-cli"));

        assertThat(settings.command()).isEqualTo("my-cli");
        assertThat(settings.args().args()).isEmpty();
        assertThat(settings.input()).isEqualTo(InputMode.STDIN);
        assertThat(settings.output()).isEqualTo(OutputFormat.TEXT);
        assertThat(settings.inheritEnv()).containsExactly("PATH", "HOME", "LANG");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.maxConcurrent()).isEqualTo(4);
        assertThat(settings.maxQueue()).isEqualTo(16);
        assertThat(settings.maxOutputBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(settings.healthArgs()).containsExactly("--version");
        assertThat(settings.workingDirectory()).isNull();
    }

    @Test
    void aPresetFillsWhatTheProviderLeavesOut() {
        SpawnSettings settings =
                settings(Map.of("preset", "codex", "timeout", 1.5, "env", Map.of("OPENAI_API_KEY", "sk-1")));

        assertThat(settings.command()).isEqualTo("codex");
        assertThat(settings.output()).isEqualTo(OutputFormat.CODEX_JSON);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.secrets()).containsExactly("sk-1");
    }

    @Test
    void theProviderOverridesAPresetKeyByKey() {
        SpawnSettings settings = settings(Map.of(
                "preset",
                "claude-code",
                "command",
                "/opt/claude/bin/claude",
                "extraArgs",
                List.of("--max-turns", "1"),
                "env",
                Map.of("DISABLE_AUTOUPDATER", "0", "ANTHROPIC_API_KEY", "key-123")));

        assertThat(settings.command()).isEqualTo("/opt/claude/bin/claude");
        assertThat(settings.output()).isEqualTo(OutputFormat.CLAUDE_STREAM_JSON);
        assertThat(settings.args().args()).startsWith("-p").endsWith("--max-turns", "1");
        assertThat(settings.env())
                .containsEntry("DISABLE_AUTOUPDATER", "0")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsEntry("ANTHROPIC_API_KEY", "key-123");
        // Only the provider's own values are secrets; the preset's are plain flags.
        assertThat(settings.secrets()).containsExactlyInAnyOrder("0", "key-123");
    }

    @Test
    void replacingArgsReplacesThePresetsArgs() {
        SpawnSettings settings =
                settings(Map.of("preset", "ollama", "args", List.of("run", "--nowordwrap", "{model}")));

        assertThat(settings.args().args()).containsExactly("run", "--nowordwrap", "{model}");
    }

    @Test
    void needsACommandOrAPreset() {
        assertInvalid(Map.of("args", List.of("x")), "command");
    }

    @Test
    void refusesThePromptInArgsWithStdinInput() {
        assertInvalid(Map.of("command", "x", "args", List.of("{prompt}")), "input");
    }

    @Test
    void refusesUnknownPlaceholders() {
        assertInvalid(Map.of("command", "x", "args", List.of("{promt}")), "args");
    }

    @Test
    void refusesValuesOutOfRange() {
        assertInvalid(Map.of("command", "x", "timeout", 0), "timeout");
        assertInvalid(Map.of("command", "x", "maxConcurrent", 0), "maxConcurrent");
        assertInvalid(Map.of("command", "x", "maxQueue", -1), "maxQueue");
        assertInvalid(Map.of("command", "x", "maxOutputBytes", 0), "maxOutputBytes");
        assertInvalid(Map.of("command", "x", "env", Map.of("A=B", "c")), "env");
    }

    @Test
    void theSpecRefusesAnUnknownPresetOrFormat() {
        assertThatThrownBy(() -> SpawnConfigSpec.SPEC.validate(Map.of("preset", "cursor")))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> SpawnConfigSpec.SPEC.validate(Map.of("command", "x", "output", "json")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void envIsASecretField() {
        assertThat(SpawnConfigSpec.SPEC.secretFields()).containsExactly("env");
        assertThat(SpawnConfigSpec.SPEC
                        .validate(Map.of("command", "x", "env", Map.of("K", "v4lue")))
                        .toString())
                .doesNotContain("v4lue");
    }

    private static void assertInvalid(Map<String, Object> raw, String key) {
        assertThatThrownBy(() -> settings(raw)).isInstanceOfSatisfying(AdapterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.param()).contains(key);
            assertThat(e.code()).contains("invalid_config");
        });
    }

    private static SpawnSettings settings(Map<String, Object> raw) {
        return SpawnSettings.from(SpawnConfigSpec.SPEC.validate(raw));
    }
}
