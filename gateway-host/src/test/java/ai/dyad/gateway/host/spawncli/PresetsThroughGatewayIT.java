package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each preset end to end: a test CLI replays a real CLI's captured output (with multi-byte text and a reasoning
 * part added) in pieces that split event lines and UTF-8 characters, through a real gateway to the OpenAI SDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PresetsThroughGatewayIT {

    private static final String ANSWER = "This is a fåke ☕🎉 answer from the local";
    private static final String REASONING = "Thinking in ünïcode ∑ first";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path files;

    private SpawnCliGateway gateway;

    @BeforeAll
    void start() throws IOException {
        gateway = new SpawnCliGateway(home);
        replaying("claude-code", "claude-code-2.1.197.stream-json.jsonl", """
                {"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"%s"}}}
                """);
        replaying("codex", "codex-0.171.0.exec-json.jsonl", """
                {"type":"item.completed","item":{"id":"item_r","type":"reasoning","text":"%s"}}
                """);
        replaying("gemini-cli", "gemini-cli-0.61.0.stream-json.jsonl", null);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-code", "codex", "gemini-cli"})
    void streamsThePresetsAnswerThroughTheSdk(String preset) {
        StringBuilder content = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();
        List<CompletionUsage> usages = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                gateway.client().chat().completions().createStreaming(params(preset))) {
            stream.stream().forEach(chunk -> {
                chunk.usage().ifPresent(usages::add);
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(content::append);
                    choice.finishReason().ifPresent(reason -> finishReasons.add(reason.asString()));
                });
            });
        }
        assertThat(content).hasToString(ANSWER);
        assertThat(finishReasons).containsExactly("stop");
        // The CLI's own count (8), not the gateway's estimate.
        assertThat(usages).singleElement().satisfies(usage -> assertThat(usage.completionTokens())
                .isEqualTo(8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-code", "codex", "gemini-cli"})
    void answersThePresetAsJsonThroughTheSdk(String preset) {
        ChatCompletion completion = gateway.client().chat().completions().create(params(preset));
        assertThat(completion.choices().getFirst().message().content()).contains(ANSWER);
        assertThat(completion.choices().getFirst().message().content().orElseThrow())
                .isEqualTo(ANSWER);
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-code", "codex"})
    void keepsReasoningOutOfTheAnswerInRawSse(String preset) throws IOException {
        HttpResponse<String> response = gateway.post(body(preset, true));
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonNode last = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                last = JSON.readTree(line.substring(6));
                JsonNode delta = last.path("choices").path(0).path("delta");
                content.append(delta.path("content").asText(""));
                reasoning.append(delta.path("reasoning_content").asText(""));
            }
        }
        assertThat(reasoning).hasToString(REASONING);
        assertThat(content).hasToString(ANSWER);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(8);

        JsonNode whole = JSON.readTree(gateway.post(body(preset, false)).body());
        assertThat(whole.at("/choices/0/message/content").asText()).isEqualTo(ANSWER);
        assertThat(whole.at("/choices/0/message/reasoning_content").asText()).isEqualTo(REASONING);
        assertThat(whole.at("/usage/total_tokens").asInt()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "llm"})
    void runsTheTextPresetsWithTheirArgumentsAndThePromptOnStdin(String preset) throws IOException {
        Path record = Files.createDirectories(files.resolve("record-" + preset));
        gateway.provider(
                "text-" + preset,
                Map.of(
                        "preset",
                        preset,
                        "command",
                        SpawnCliGateway.script("replay-cli"),
                        "env",
                        Map.of("RECORD", record.toString())));
        ChatCompletion completion = gateway.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("text-" + preset)
                        .addSystemMessage("Be terse.")
                        .addUserMessage("Wie geht’s? 😀")
                        .build());
        String answer = completion.choices().getFirst().message().content().orElseThrow();
        List<String> argv = List.of(Files.readString(record.resolve("argv")).split("\0"));
        if (preset.equals("ollama")) {
            assertThat(argv).containsExactly("run", "text-ollama");
            assertThat(answer).isEqualTo("<system>\nBe terse.\n</system>\n\nWie geht’s? 😀");
        } else {
            assertThat(argv).containsExactly("-m", "text-llm", "-s", "Be terse.");
            assertThat(answer).isEqualTo("Wie geht’s? 😀");
        }
        assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();
    }

    private void replaying(String preset, String fixture, String reasoningLine) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line :
                SpawnCliGateway.read(SpawnCliGateway.fixture(fixture)).split("\n")) {
            boolean firstAnswerLine =
                    line.contains("\"text_delta\",\"text\":\"This\"") || line.contains("\"type\":\"agent_message\"");
            if (firstAnswerLine && reasoningLine != null) {
                lines.add(reasoningLine.formatted(REASONING).strip());
            }
            lines.add(line.replace("fake answer", "fåke ☕🎉 answer").replace("\" fake\"", "\" fåke ☕🎉\""));
        }
        byte[] replay = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = files.resolve(preset + ".jsonl");
        Files.write(file, replay);
        gateway.provider(
                preset,
                Map.of(
                        "preset",
                        preset,
                        "command",
                        SpawnCliGateway.script("replay-cli"),
                        "env",
                        Map.of("REPLAY", file.toString(), "CHUNK", String.valueOf(splittingChunk(replay)))));
    }

    /** A piece size at which some piece ends inside a multi-byte UTF-8 character. */
    private static int splittingChunk(byte[] replay) {
        return IntStream.range(53, 200)
                .filter(size -> IntStream.iterate(size, end -> end < replay.length, end -> end + size)
                        .anyMatch(end -> (replay[end] & 0xC0) == 0x80))
                .findFirst()
                .orElseThrow();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hi")
                .build();
    }

    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
    }
}
