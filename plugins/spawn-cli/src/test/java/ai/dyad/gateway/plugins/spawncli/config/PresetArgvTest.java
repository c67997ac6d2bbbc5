package ai.dyad.gateway.plugins.spawncli.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.plugins.spawncli.prompt.ArgTemplate;
import ai.dyad.gateway.plugins.spawncli.prompt.Invocation;
import ai.dyad.gateway.plugins.spawncli.prompt.Prompt;
import ai.dyad.gateway.plugins.spawncli.prompt.PromptRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact command line each preset runs, with and without a system prompt. */
class PresetArgvTest {

    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of(
                        "claude-code",
                        "claude-sonnet-4-5",
                        true,
                        List.of(
                                "claude",
                                "-p",
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--include-partial-messages",
                                "--tools",
                                "",
                                "--strict-mcp-config",
                                "--model",
                                "claude-sonnet-4-5",
                                "--append-system-prompt",
                                "Be terse.")),
                Arguments.of(
                        "claude-code",
                        "claude-sonnet-4-5",
                        false,
                        List.of(
                                "claude",
                                "-p",
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--include-partial-messages",
                                "--tools",
                                "",
                                "--strict-mcp-config",
                                "--model",
                                "claude-sonnet-4-5")),
                Arguments.of(
                        "gemini-cli",
                        "gemini-2.5-flash",
                        true,
                        List.of("gemini", "-m", "gemini-2.5-flash", "--output-format", "stream-json", "-p", "")),
                Arguments.of(
                        "codex",
                        "gpt-5-codex",
                        true,
                        List.of(
                                "codex",
                                "exec",
                                "--json",
                                "--skip-git-repo-check",
                                "--ephemeral",
                                "--sandbox",
                                "read-only",
                                "--model",
                                "gpt-5-codex",
                                "-")),
                Arguments.of("ollama", "llama3.2", true, List.of("ollama", "run", "llama3.2")),
                Arguments.of("llm", "gpt-4o-mini", true, List.of("llm", "-m", "gpt-4o-mini", "-s", "Be terse.")),
                Arguments.of("llm", "gpt-4o-mini", false, List.of("llm", "-m", "gpt-4o-mini")));
    }

    @ParameterizedTest(name = "{0} (system prompt: {2})")
    @MethodSource("presets")
    void runsTheDocumentedNonInteractiveCommand(String preset, String model, boolean withSystem, List<String> argv) {
        SpawnSettings settings = SpawnSettings.from(SpawnConfigSpec.SPEC.validate(Map.of("preset", preset)));
        List<ChatMessage> messages = new ArrayList<>();
        if (withSystem) {
            messages.add(ChatMessage.of(Role.SYSTEM, "Be terse."));
        }
        messages.add(ChatMessage.of(Role.USER, "Say hi"));

        Prompt prompt = PromptRenderer.render(messages, settings.args().uses(ArgTemplate.SYSTEM));
        Invocation invocation = Invocation.of(settings.args(), settings.input(), model, prompt);

        List<String> commandLine = new ArrayList<>();
        commandLine.add(settings.command());
        commandLine.addAll(invocation.args());
        assertThat(commandLine).isEqualTo(argv);
        // The prompt itself never travels as an argument.
        assertThat(String.join(" ", commandLine)).doesNotContain("Say hi");
        assertThat(new String(invocation.stdin(), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("Say hi");
    }
}
