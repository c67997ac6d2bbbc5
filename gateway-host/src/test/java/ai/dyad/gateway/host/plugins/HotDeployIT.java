package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot deploy on a running gateway with real plugin jars: add, replace under a live stream, remove, and a jar
 * copied slowly. Also measures the time from copying a jar to the first answer through it (printed, never
 * asserted: the machine is shared).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class HotDeployIT {

    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    private TestGateway gateway;
    private GatewayHttp http;
    private String key;
    private Path plugins;
    private Path gate;

    @BeforeAll
    void start() {
        try (TestGateway first = TestGateway.start(home)) {
            key = first.adminKey();
        }
        gate = home.resolve("gate");
        PluginFixtures.provider(home, "hot", "hot-echo", "hot", Map.of());
        PluginFixtures.provider(home, "gated", "hot-echo", "gated", Map.of("gate", gate.toString()));
        PluginFixtures.provider(home, "iso", "isolation-old", "iso-old", Map.of());
        gateway = TestGateway.start(home, key, Map.of());
        http = new GatewayHttp(gateway.baseUrl());
        plugins = home.resolve("plugins");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void servesANewAdapterTypeOnceItsJarIsCopiedIn() throws Exception {
        GatewayHttp.Response before = http.chat(key, "hot", "hello there");
        assertThat(before.status()).isEqualTo(503);
        assertThat(before.errorCode()).isEqualTo("adapter_unavailable");
        assertThat(before.errorMessage()).contains("hot-echo");

        PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v1"), plugins.resolve("hot-echo.jar"));

        GatewayHttp.Response after = http.awaitChat(key, "hot", "hello there", r -> r.status() == 200, GUARD);
        assertThat(after.answer()).isEqualTo("[v1.0.0] hello there");
    }

    @Test
    @Order(2)
    void measuresTheTimeFromCopyToFirstAnswer() throws Exception {
        List<Long> millis = new ArrayList<>();
        Path target = plugins.resolve("hot-echo.jar");
        for (int run = 0; run < 6; run++) {
            Files.delete(target);
            http.awaitChat(key, "hot", "x", r -> r.status() == 503, GUARD);
            long start = System.nanoTime();
            PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v1"), target);
            http.awaitChat(key, "hot", "x", r -> r.status() == 200, GUARD);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        String report = "hot deploy, jar copied -> first answer (ms): "
                + millis.stream().map(String::valueOf).collect(Collectors.joining(", "));
        System.out.println(report);
        Files.writeString(
                Path.of(System.getProperty("dyad.test.plugins")).resolveSibling("hot-deploy-times.txt"),
                report + System.lineSeparator(),
                StandardCharsets.UTF_8);
        assertThat(millis).hasSize(6);
    }

    @Test
    @Order(3)
    void swapsAJarWhileAStreamIsInFlightAndLetsTheStreamFinishOnTheOldVersion() throws Exception {
        http.awaitChat(key, "hot", "x", r -> "[v1.0.0] x".equals(r.answer()), GUARD);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gated")
                .addUserMessage("one two three four five")
                .build();
        StringBuilder streamed = new StringBuilder();
        String finish;
        try (StreamResponse<ChatCompletionChunk> stream =
                gateway.openAi().chat().completions().createStreaming(params)) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (!streamed.toString().contains("one")) {
                streamed.append(content(chunks.next()));
            }
            // The stream is in flight on version 1 and waits for the gate: replace the jar in place now.
            PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v2"), plugins.resolve("hot-echo.jar"));
            http.awaitChat(key, "hot", "x", r -> "[v2.0.0] x".equals(r.answer()), GUARD);
            JsonNode entry =
                    GatewayHttp.entry(http.get("/admin/plugins", key).json().path("data"), "hot-echo");
            assertThat(entry.path("version").asText()).isEqualTo("2.0.0");
            assertThat(entry.path("draining").findValuesAsText("version")).containsExactly("1.0.0");

            Files.createFile(gate);
            String last = "";
            while (chunks.hasNext()) {
                ChatCompletionChunk chunk = chunks.next();
                streamed.append(content(chunk));
                if (!chunk.choices().isEmpty()
                        && chunk.choices().getFirst().finishReason().isPresent()) {
                    last = chunk.choices().getFirst().finishReason().get().asString();
                }
            }
            finish = last;
        }
        assertThat(streamed).hasToString("[v1.0.0] one two three four five");
        assertThat(finish).isEqualTo("stop");
        assertThat(http.chat(key, "gated", "again").answer()).isEqualTo("[v2.0.0] again");

        // Version 1 drains, unloads and lets go of its jar.
        http.awaitPlugins(
                key,
                data -> GatewayHttp.entry(data, "hot-echo").path("draining").isEmpty(),
                GUARD);
        awaitNoOpenFile("hot-echo-1.0.0-");
    }

    @Test
    @Order(4)
    void swapsVersionsBackAndForthUnderLoadWithoutFailingARequest() throws Exception {
        Path target = plugins.resolve("hot-echo.jar");
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<CompletableFuture<List<String>>> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            clients.add(CompletableFuture.supplyAsync(() -> {
                GatewayHttp own = new GatewayHttp(gateway.baseUrl());
                List<String> answers = new ArrayList<>();
                while (running.get()) {
                    try {
                        GatewayHttp.Response response = own.chat(key, "hot", "ping");
                        answers.add(
                                response.status() == 200
                                        ? response.answer()
                                        : response.status() + " " + response.body());
                    } catch (IOException | InterruptedException e) {
                        answers.add("client error " + e);
                    }
                }
                return answers;
            }));
        }
        // Three swaps while four clients keep asking: every answer comes from one version or the other.
        for (String version : List.of("hot-echo-v1", "hot-echo-v2", "hot-echo-v1")) {
            PluginFixtures.copyLikeCp(PluginFixtures.jar(version), target);
            String expected = "[v" + version.charAt(version.length() - 1) + ".0.0] x";
            http.awaitChat(key, "hot", "x", r -> expected.equals(r.answer()), GUARD);
        }
        running.set(false);
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<List<String>> client : clients) {
            answers.addAll(client.get(GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(answers).isNotEmpty().allMatch(a -> a.equals("[v1.0.0] ping") || a.equals("[v2.0.0] ping"));
        assertThat(answers).contains("[v1.0.0] ping", "[v2.0.0] ping");
    }

    @Test
    @Order(5)
    void removingAJarMakesItsProvidersAnswer503UntilItReturns() throws Exception {
        Files.delete(plugins.resolve("hot-echo.jar"));

        GatewayHttp.Response gone = http.awaitChat(key, "hot", "x", r -> r.status() == 503, GUARD);
        assertThat(gone.errorCode()).isEqualTo("adapter_unavailable");
        assertThat(gone.json().path("error").path("type").asText()).isEqualTo("service_unavailable_error");
        assertThat(gone.errorMessage()).contains("hot-echo");
        assertThat(GatewayHttp.entry(http.get("/admin/plugins", key).json().path("data"), "hot-echo")
                        .isMissingNode())
                .isTrue();
        awaitNoOpenFile("hot-echo-");

        PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v2"), plugins.resolve("hot-echo-2.jar"));
        assertThat(http.awaitChat(key, "hot", "back", r -> r.status() == 200, GUARD)
                        .answer())
                .isEqualTo("[v2.0.0] back");
    }

    @Test
    @Order(6)
    void neverLoadsAJarWhileItIsStillBeingCopied() throws Exception {
        Path target = plugins.resolve("isolation-old.jar");
        CompletableFuture<Long> copying = CompletableFuture.supplyAsync(() -> {
            try {
                return PluginFixtures.copySlowly(PluginFixtures.jar("isolation-old"), target, 12, 60);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        record Look(long endedAt, String seen) {}
        List<Look> looks = new ArrayList<>();
        while (!copying.isDone()) {
            String seen = http.chat(key, "iso-old", "a  b").status() + " "
                    + GatewayHttp.entry(http.get("/admin/plugins", key).json().path("data"), "isolation-old")
                            .path("state")
                            .asText("absent");
            looks.add(new Look(System.nanoTime(), seen));
        }
        long completedAt = copying.join();

        // Every look that ended before the last byte was written saw no plugin and got no answer.
        List<String> whileIncomplete = looks.stream()
                .filter(look -> look.endedAt() < completedAt)
                .map(Look::seen)
                .toList();
        assertThat(whileIncomplete).isNotEmpty().allMatch(seen -> seen.equals("503 absent"));
        assertThat(http.awaitChat(key, "iso-old", "a  b", r -> r.status() == 200, GUARD)
                        .answer())
                .startsWith("guava=19.0");
    }

    private static String content(ChatCompletionChunk chunk) {
        return chunk.choices().isEmpty()
                ? ""
                : chunk.choices().getFirst().delta().content().orElse("");
    }

    private static void awaitNoOpenFile(String namePart) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        List<String> open;
        do {
            open = PluginFixtures.openFiles().stream()
                    .filter(file -> file.contains(namePart))
                    .toList();
            if (open.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still open after unloading: " + open);
    }
}
