package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (prints, never asserts on speed) what the gateway adds to a spawn-cli call, and how long a line a
 * CLI writes takes to reach the client, into {@code target/spawn-cli-latency.txt}.
 */
@Timeout(300)
class SpawnCliLatencyIT {

    private static final int RUNS = 40;
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");

    @TempDir
    Path home;

    @Test
    void measuresOverheadAndLineToChunkLatency() throws Exception {
        try (SpawnCliGateway gateway = new SpawnCliGateway(home)) {
            String command = SpawnCliGateway.script("replay-cli");
            gateway.provider("echo-cli", Map.of("command", command));
            gateway.provider(
                    "ticker", Map.of("command", SpawnCliGateway.script("ticker"), "env", Map.of("TICKS", "30")));
            ChatCompletionCreateParams echo = ChatCompletionCreateParams.builder()
                    .model("echo-cli")
                    .addUserMessage("hello")
                    .build();
            List<Double> direct = new ArrayList<>();
            List<Double> through = new ArrayList<>();
            for (int i = 0; i < RUNS + 5; i++) { // the first 5 of each warm up
                long start = System.nanoTime();
                assertThat(runDirectly(command, "hello")).isEqualTo("hello");
                double directMs = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                assertThat(gateway.client()
                                .chat()
                                .completions()
                                .create(echo)
                                .choices()
                                .getFirst()
                                .message()
                                .content())
                        .contains("hello");
                double throughMs = (System.nanoTime() - start) / 1e6;
                if (i >= 5) {
                    direct.add(directMs);
                    through.add(throughMs);
                }
            }

            List<Double> lineToChunk = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = gateway.client()
                    .chat()
                    .completions()
                    .createStreaming(ChatCompletionCreateParams.builder()
                            .model("ticker")
                            .addUserMessage("go")
                            .build())) {
                stream.stream().forEach(chunk -> {
                    Instant now = Instant.now();
                    long received = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text -> {
                        Matcher tick = TICK.matcher(text);
                        while (tick.find()) {
                            lineToChunk.add((received - Long.parseLong(tick.group(1))) / 1e6);
                        }
                    }));
                });
            }
            assertThat(lineToChunk).hasSize(30);

            String report = String.join(
                    "\n",
                    "spawn-cli latency (ms; median / p90 / max; " + RUNS + " runs each, same JVM, same command)",
                    "  command run directly (ProcessBuilder, stdin, read stdout): " + stats(direct),
                    "  same command through the gateway (OpenAI SDK, JSON):      " + stats(through),
                    "  gateway overhead (median through - median direct):        "
                            + String.format("%.2f", median(through) - median(direct)),
                    "  CLI writes a line -> client receives its chunk (SSE, " + lineToChunk.size() + " lines): "
                            + stats(lineToChunk),
                    "  (line stamps come from `date +%s%N` just before the write, so they include that fork's exit)",
                    "");
            System.out.print(report);
            Files.writeString(Path.of("target", "spawn-cli-latency.txt"), report);
        }
    }

    private static String runDirectly(String command, String prompt) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = process.getOutputStream()) {
            in.write(prompt.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static String stats(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(
                "%.2f / %.2f / %.2f", median(values), sorted.get((int) (sorted.size() * 0.9)), sorted.getLast());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
