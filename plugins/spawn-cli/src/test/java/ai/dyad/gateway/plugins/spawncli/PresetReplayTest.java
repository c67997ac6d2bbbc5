package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each preset end to end: a stand-in CLI under the real name on PATH records its argv and stdin, then replays the
 * real CLI's captured stdout in small pieces (so lines and characters cross reads) through the adapter.
 */
class PresetReplayTest {

    private static final String ANSWER = "This is a fake answer from the local";

    @TempDir
    Path dir;

    static Stream<Arguments> jsonPresets() {
        return Stream.of(
                Arguments.of(
                        "claude-code",
                        "claude",
                        FakeClis.CLAUDE,
                        97,
                        8,
                        List.of(
                                "-p",
                                "--output-format",
                                "stream-json",
                                "--verbose",
                                "--include-partial-messages",
                                "--tools",
                                "",
                                "--strict-mcp-config",
                                "--model",
                                "fake-model",
                                "--append-system-prompt",
                                "Be brief.")),
                Arguments.of(
                        "codex",
                        "codex",
                        FakeClis.CODEX,
                        7,
                        1,
                        List.of(
                                "exec",
                                "--json",
                                "--skip-git-repo-check",
                                "--ephemeral",
                                "--sandbox",
                                "read-only",
                                "--model",
                                "fake-model",
                                "-")),
                Arguments.of(
                        "gemini-cli",
                        "gemini",
                        FakeClis.GEMINI,
                        13,
                        8,
                        List.of("-m", "fake-model", "--output-format", "stream-json", "-p", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPresets")
    void streamsTheRealCliOutputAsChunks(
            String preset, String command, String fixture, int chunk, int chunks, List<String> argv) throws Exception {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", command);
        Path record = Files.createDirectories(dir.resolve("record"));
        ModelAdapter adapter = Providers.create(Map.of(
                "preset",
                preset,
                "env",
                Map.of(
                        "PATH", Providers.pathWith(bin),
                        "FAKE_RECORD", record.toString(),
                        "FAKE_REPLAY", FakeClis.fixture(fixture).toString(),
                        "FAKE_CHUNK", String.valueOf(chunk))));
        RecordingSink sink = new RecordingSink();

        adapter.chat(
                Providers.ask(
                        "fake-model", ChatMessage.of(Role.SYSTEM, "Be brief."), ChatMessage.of(Role.USER, "Say hi")),
                Providers.call(),
                sink);
        adapter.close();

        assertThat(sink.error()).isNull();
        assertThat(sink.text()).isEqualTo(ANSWER);
        assertThat(sink.reasoning()).isEmpty();
        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
        assertThat(sink.usage()).isEqualTo(Usage.of(10, 8));
        // One chunk per streamed delta; Codex reports its message whole when the item completes.
        assertThat(sink.chunks()).hasSize(chunks);
        assertThat(sink.violations()).isEmpty();
        assertThat(recordedArgv(record)).isEqualTo(argv);
        // Claude takes the system prompt by flag; the others get it as the prompt's header.
        String stdin = Files.readString(record.resolve("stdin"));
        assertThat(stdin)
                .isEqualTo(preset.equals("claude-code") ? "Say hi" : "<system>\nBe brief.\n</system>\n\nSay hi");
    }

    @Test
    void textPresetsStreamPlainOutputAndEstimateUsage() throws Exception {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "ollama");
        FakeClis.install(bin, "fake-agent", "llm");
        Path answer = Files.writeString(dir.resolve("answer.txt"), "Grüße aus der Küche 🍲\n\n");
        Path record = Files.createDirectories(dir.resolve("record"));
        for (String preset : List.of("ollama", "llm")) {
            ModelAdapter adapter = Providers.create(Map.of(
                    "preset",
                    preset,
                    "env",
                    Map.of(
                            "PATH", Providers.pathWith(bin),
                            "FAKE_RECORD", record.toString(),
                            "FAKE_REPLAY", answer.toString(),
                            // Three bytes a piece: the umlauts and the emoji are split across reads.
                            "FAKE_CHUNK", "3")));
            RecordingSink sink = new RecordingSink();
            List<ChatMessage> messages =
                    List.of(ChatMessage.of(Role.SYSTEM, "Be warm."), ChatMessage.of(Role.USER, "Hi"));

            adapter.chat(Providers.ask("llama3.2", messages.toArray(ChatMessage[]::new)), Providers.call(), sink);
            adapter.close();

            assertThat(sink.text()).as(preset).isEqualTo("Grüße aus der Küche 🍲");
            assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
            assertThat(sink.usage())
                    .isEqualTo(Usage.of(
                            TokenEstimator.estimate(messages), TokenEstimator.estimate("Grüße aus der Küche 🍲")));
            if (preset.equals("ollama")) {
                assertThat(recordedArgv(record)).containsExactly("run", "llama3.2");
                assertThat(Files.readString(record.resolve("stdin"))).isEqualTo("<system>\nBe warm.\n</system>\n\nHi");
            } else {
                assertThat(recordedArgv(record)).containsExactly("-m", "llama3.2", "-s", "Be warm.");
                assertThat(Files.readString(record.resolve("stdin"))).isEqualTo("Hi");
            }
        }
    }

    @Test
    void claudeThinkingArrivesAsReasoningContent() throws Exception {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "claude");
        Path output = Files.writeString(
                dir.resolve("thinking.jsonl"),
                String.join(
                        "\n",
                        "{\"type\":\"stream_event\",\"event\":{\"type\":\"message_start\",\"message\":{\"id\":\"m1\"}}}",
                        "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"delta\":{\"type\":"
                                + "\"thinking_delta\",\"thinking\":\"Two plus two…\"}}}",
                        "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"delta\":{\"type\":"
                                + "\"text_delta\",\"text\":\"4\"}}}",
                        "{\"type\":\"result\",\"is_error\":false,\"usage\":{\"input_tokens\":9,\"output_tokens\":12}}",
                        ""));
        ModelAdapter adapter = Providers.create(Map.of(
                "preset",
                "claude-code",
                "env",
                Map.of("PATH", Providers.pathWith(bin), "FAKE_REPLAY", output.toString(), "FAKE_CHUNK", "50")));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "2+2?"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.reasoning()).isEqualTo("Two plus two…");
        assertThat(sink.text()).isEqualTo("4");
        assertThat(sink.chunks()).allSatisfy(c -> assertThat(c.content() == null || c.reasoningContent() == null)
                .isTrue());
        assertThat(sink.usage()).isEqualTo(Usage.of(9, 12));
    }

    static List<String> recordedArgv(Path record) throws Exception {
        String raw = new String(Files.readAllBytes(record.resolve("argv")), StandardCharsets.UTF_8);
        if (raw.isEmpty()) {
            return List.of();
        }
        // Each argument ends with a NUL; split keeps empty arguments but drops the trailing empty piece.
        return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
    }
}
