package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request text is data: it reaches the CLI byte for byte and no shell ever sees it. Secrets from {@code env} and the
 * gateway's own environment stay out of reach.
 */
class SecurityTest {

    @TempDir
    Path dir;

    private Path record;
    private String hostile;

    @BeforeEach
    void hostilePrompt() throws Exception {
        record = Files.createDirectories(dir.resolve("record"));
        // Were any of this run by a shell, one of these files would appear.
        hostile = "; rm -rf ~ ; touch " + dir.resolve("pwned1") + "\n"
                + "$(touch " + dir.resolve("pwned2") + ") `touch " + dir.resolve("pwned3") + "`\n"
                + "--dangerously-skip-permissions -rf \"double\" 'single' $HOME ${PATH} | && || > < * ? ! # \\ \t"
                + "{system} {model} %s %n é 😀 \u202e";
    }

    @Test
    void aHostilePromptReachesStdinVerbatimAndNeverTheCommandLine() throws Exception {
        ModelAdapter adapter = claudeWithFakeAgent();
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("fake-model", hostile), Providers.call(), sink);
        adapter.close();

        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
        assertThat(Files.readAllBytes(record.resolve("stdin"))).isEqualTo(hostile.getBytes(StandardCharsets.UTF_8));
        assertThat(PresetReplayTest.recordedArgv(record)).noneMatch(arg -> arg.contains("rm -rf"));
        assertNothingRan();
    }

    @Test
    void aHostileSystemPromptIsOneArgumentVerbatim() throws Exception {
        ModelAdapter adapter = claudeWithFakeAgent();
        RecordingSink sink = new RecordingSink();

        adapter.chat(
                Providers.ask("fake-model", ChatMessage.of(Role.SYSTEM, hostile), ChatMessage.of(Role.USER, "hi")),
                Providers.call(),
                sink);
        adapter.close();

        List<String> argv = PresetReplayTest.recordedArgv(record);
        assertThat(argv).containsSubsequence("--append-system-prompt", hostile);
        assertThat(argv.get(argv.indexOf("--append-system-prompt") + 1)).isEqualTo(hostile);
        assertNothingRan();
    }

    @Test
    void argInputPassesThePromptAsOneArgumentWithPlaceholdersExpanded() throws Exception {
        Path agent = FakeClis.install(dir, "fake-agent", "my-cli");
        ModelAdapter adapter = Providers.create(Map.of(
                "command", agent.toString(),
                "input", "arg",
                "args", List.of("--model={model}", "--prompt", "{prompt}", "--system", "{system}", "--json"),
                "env", Map.of("FAKE_RECORD", record.toString())));
        RecordingSink sink = new RecordingSink();

        adapter.chat(
                Providers.ask("m-1", ChatMessage.of(Role.SYSTEM, "S y s"), ChatMessage.of(Role.USER, hostile)),
                Providers.call(),
                sink);
        adapter.close();

        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
        assertThat(PresetReplayTest.recordedArgv(record))
                .containsExactly("--model=m-1", "--prompt", hostile, "--system", "S y s", "--json");
        // In arg mode stdin is closed at once, so a CLI that also reads it does not wait.
        assertThat(Files.readAllBytes(record.resolve("stdin"))).isEmpty();
        assertNothingRan();
    }

    @Test
    void theChildSeesOnlyAllowedAndConfiguredVariables() {
        ModelAdapter adapter =
                Providers.create(Map.of("command", "env", "env", Map.of("ANTHROPIC_API_KEY", "sk-ant-test-123")));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        // Besides them, only the run's marker (by which the adapter finds the run's processes to end them).
        assertThat(sink.text().lines().filter(line -> line.startsWith("SPAWN_CLI_RUN=")))
                .singleElement()
                .asString()
                .matches("SPAWN_CLI_RUN=[0-9a-f]{32}");
        assertThat(sink.text()
                        .lines()
                        .filter(line -> !line.startsWith("SPAWN_CLI_RUN="))
                        .sorted()
                        .toList())
                .containsExactly(
                        "ANTHROPIC_API_KEY=sk-ant-test-123",
                        "HOME=/tmp",
                        "LANG=C.UTF-8",
                        "PATH=/usr/local/bin:/usr/bin:/bin");
        assertThat(sink.text()).doesNotContain("GATEWAY_SECRET");
    }

    @Test
    void secretsNeverAppearInErrors() {
        String secret = "sk-ant-api03-verysecret";
        ModelAdapter adapter = Providers.create(Map.of(
                "command", FakeClis.install(dir, "fail").toString(),
                "args", List.of("1"),
                "env", Map.of("API_KEY", secret, "OTHER_TOKEN", "tok-" + secret)));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error()).isNotNull();
        assertThat(sink.error().getMessage())
                .contains("****")
                .doesNotContain(secret)
                .doesNotContain("verysecret");
        assertThat(sink.error().toString()).doesNotContain(secret);
    }

    private ModelAdapter claudeWithFakeAgent() {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "claude");
        return Providers.create(Map.of(
                "preset",
                "claude-code",
                "env",
                Map.of("PATH", Providers.pathWith(bin), "FAKE_RECORD", record.toString())));
    }

    private void assertNothingRan() {
        assertThat(dir.resolve("pwned1")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
        assertThat(dir.resolve("pwned3")).doesNotExist();
    }
}
