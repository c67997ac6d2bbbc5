package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.Ask;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 300 calls through the gateway, a third cancelled mid-stream and a third timed out, leave nothing behind. */
@Timeout(300)
class LeakThroughGatewayIT {

    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @TempDir
    Path pids;

    @Test
    void leavesNoProcessFileDescriptorOrThreadBehind() throws Exception {
        try (SpawnCliGateway gateway = new SpawnCliGateway(home)) {
            Files.createDirectories(pids.resolve("cancel"));
            Files.createDirectories(pids.resolve("timeout"));
            Map<String, Object> limits = Map.of("maxConcurrent", 16, "maxQueue", 1000);
            gateway.provider("ok", with(limits, Map.of("command", SpawnCliGateway.script("replay-cli"))));
            gateway.provider("cancel", with(limits, tree("cancel", Map.of())));
            gateway.provider("slow", with(limits, tree("timeout", Map.of("timeout", 0.3))));
            OpenAIClient client = gateway.client();
            round(client, 3); // warm up: thread pools, connections, plugin classes
            long fds = openFds();
            int threads = threads();
            round(client, 300);

            List<Long> started = new ArrayList<>(CliPids.all(pids.resolve("cancel")));
            started.addAll(CliPids.all(pids.resolve("timeout")));
            assertThat(started).hasSizeGreaterThanOrEqualTo(2 * 2 * 101);
            Ask.eventually(GUARD, () -> started.stream().noneMatch(CliPids::alive), "every CLI and grandchild gone");
            Ask.eventually(GUARD, () -> cliDescendants().isEmpty(), "no test CLI left under this JVM");
            Ask.eventually(GUARD, () -> openFds() <= fds + 10, "file descriptors back near " + fds);
            Ask.eventually(GUARD, () -> threads() <= threads + 10, "threads back near " + threads);
            System.out.printf(
                    "spawn-cli leak test: %d processes started; fds %d -> %d, threads %d -> %d%n",
                    started.size(), fds, openFds(), threads, threads());
        }
    }

    /** {@code count} calls from 8 clients: one in three completes, one is cancelled mid-stream, one times out. */
    private static void round(OpenAIClient client, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int kind = i % 3;
                calls.add(clients.submit(() -> call(client, kind)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static Void call(OpenAIClient client, int kind) {
        switch (kind) {
            case 0 ->
                assertThat(client.chat()
                                .completions()
                                .create(params("ok"))
                                .choices()
                                .getFirst()
                                .message()
                                .content())
                        .contains("hello");
            case 1 -> {
                try (StreamResponse<ChatCompletionChunk> stream =
                        client.chat().completions().createStreaming(params("cancel"))) {
                    var chunks = stream.stream().iterator();
                    while (chunks.next().choices().stream()
                            .noneMatch(c -> c.delta().content().isPresent())) {
                        // skip the role chunk; stop reading at the first text, while the CLI waits silently
                    }
                }
            }
            default -> {
                try {
                    client.chat().completions().create(params("slow"));
                    throw new AssertionError("a call past its timeout succeeded");
                } catch (OpenAIServiceException e) {
                    assertThat(e.statusCode()).isEqualTo(504);
                }
            }
        }
        return null;
    }

    private Map<String, Object> tree(String folder, Map<String, Object> extra) {
        return with(
                extra,
                Map.of(
                        "command",
                        SpawnCliGateway.script("silent-tree"),
                        "env",
                        Map.of("PIDS", pids.resolve(folder).toString())));
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> both = new java.util.HashMap<>(a);
        both.putAll(b);
        return both;
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hello")
                .build();
    }

    private static List<ProcessHandle> cliDescendants() {
        String scripts =
                Path.of(SpawnCliGateway.script("silent-tree")).getParent().toString();
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(scripts)
                        || p.info().commandLine().orElse("").contains("sleep 300"))
                .toList();
    }

    private static long openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return Objects.requireNonNull(fds).length;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
