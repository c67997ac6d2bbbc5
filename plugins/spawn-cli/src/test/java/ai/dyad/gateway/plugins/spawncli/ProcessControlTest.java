package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, cancellation, limits and failures, with real processes and their grandchildren. */
class ProcessControlTest {

    @TempDir
    Path dir;

    @Test
    void timeoutKillsTheWholeTreeAndFailsWithTimeout() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("tree", Map.of("timeout", 0.5, "args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        assertThat(sink.error()).isNotNull();
        assertThat(sink.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(sink.error().code()).contains("timeout");
        assertThat(sink.error().getMessage()).contains("did not finish within 500 ms");
        assertThat(sink.text()).isEqualTo("started");
        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pids));
        assertThat(sink.violations()).isEmpty();
        adapter.close();
    }

    @Test
    void cancellationKillsTheWholeTreePromptly() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("tree", Map.of("args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> call = Providers.chatAsync(adapter, Providers.ask("m", "hi"), sink);
        assertThat(sink.awaitFirstChunk()).isTrue();
        List<Long> tree = ProcessTrees.awaitPids(pids);

        ProcessHandle cli = ProcessHandle.of(tree.getFirst()).orElseThrow();

        long cancelled = System.nanoTime();
        sink.cancel(); // as the host does, on its own thread, when the client disconnects
        cli.onExit().get(30, TimeUnit.SECONDS);
        long exitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled);
        call.get(30, TimeUnit.SECONDS);

        System.out.println("cancel to CLI exit: " + exitedMillis + " ms");
        ProcessTrees.assertAllGone(tree);
        assertThat(sink.error()).isNotNull();
        assertThat(sink.error().code()).contains("cancelled");
        assertThat(sink.ends()).isEqualTo(1);
        adapter.close();
    }

    @Test
    void aCallCancelledBeforeItStartsRunsNothing() throws Exception {
        Path record = Files.createDirectories(dir.resolve("record"));
        ModelAdapter adapter = provider("fake-agent", Map.of("env", Map.of("FAKE_RECORD", record.toString())));
        RecordingSink sink = new RecordingSink();
        sink.cancel();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error().code()).contains("cancelled");
        assertThat(record.resolve("argv")).doesNotExist();
    }

    @Test
    void aClientThatLeftStopsTheTree() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("tree", Map.of("args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink().acceptOnly(1);

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pids));
        assertThat(sink.ends()).isEqualTo(1);
        assertThat(sink.violations()).isEmpty();
        adapter.close();
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("stubborn", Map.of("timeout", 0.3, "args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pids));
        adapter.close();
    }

    @Test
    void aProcessLeftBehindHoldingTheOutputIsEnded() throws Exception {
        Path pid = dir.resolve("pid");
        ModelAdapter adapter = provider("leaves-orphan", Map.of("args", List.of(pid.toString())));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
        assertThat(sink.text()).isEqualTo("bye");
        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pid));
        adapter.close();
    }

    @Test
    void closingRightAfterATimeoutStillKillsASigtermDeafHelper() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("deaf-helper", Map.of("timeout", 0.3, "args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink();

        // The CLI dies of SIGTERM and the call returns; the helper's SIGKILL is still pending when we close.
        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pids));
    }

    @Test
    void outputBeyondMaxOutputBytesStopsTheProcessAndEndsWithLength() throws Exception {
        ModelAdapter adapter = provider("flood", Map.of("maxOutputBytes", 10_000));
        RecordingSink sink = new RecordingSink();
        long before = ProcessHandle.current().descendants().count();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        assertThat(sink.error()).isNull();
        assertThat(sink.reason()).isEqualTo(FinishReason.LENGTH);
        assertThat(sink.text()).hasSizeLessThanOrEqualTo(10_000).startsWith("0123456789abc");
        assertThat(sink.text().length()).isGreaterThan(9_900);
        assertThat(sink.usage()).isNotNull();
        assertThat(ProcessHandle.current().descendants().count()).isEqualTo(before);
        adapter.close();
    }

    @Test
    void aNonZeroExitFailsWithTheRedactedEndOfStderr() {
        ModelAdapter adapter =
                provider("fail", Map.of("args", List.of("3"), "env", Map.of("API_KEY", "sk-live-0123456789")));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(sink.error().getMessage())
                .startsWith("command '" + dir.resolve("fail") + "' failed with exit status 3: ")
                .contains("log line 17 | log line 18 | log line 19 | log line 20")
                .contains("error: the key **** was refused")
                .doesNotContain("sk-live-0123456789")
                .doesNotContain("log line 16");
        // Stderr is never part of the answer; stdout before the failure was.
        assertThat(sink.text()).isEqualTo("partial answer");
        adapter.close();
    }

    @Test
    void geminiExitStatusesBecomeTheirDocumentedErrors() throws Exception {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "gemini");
        for (var expected : List.of(
                List.of("42", ErrorKind.INVALID_REQUEST, "cli_input_error"),
                List.of("53", ErrorKind.UPSTREAM_ERROR, "turn_limit_exceeded"),
                List.of("1", ErrorKind.UPSTREAM_ERROR, "cli_error"))) {
            ModelAdapter adapter = Providers.create(Map.of(
                    "preset",
                    "gemini-cli",
                    "env",
                    Map.of("PATH", Providers.pathWith(bin), "FAKE_EXIT", expected.get(0), "FAKE_STDERR", "boom")));
            RecordingSink sink = new RecordingSink();

            adapter.chat(Providers.ask("gemini-2.5-flash", "hi"), Providers.call(), sink);
            adapter.close();

            // The stderr line is an env value here, so it is masked like any secret would be.
            assertThat(sink.error().kind()).isEqualTo(expected.get(1));
            assertThat(sink.error().code()).contains((String) expected.get(2));
            assertThat(sink.error().getMessage())
                    .contains("exit status " + expected.get(0))
                    .endsWith(": ****");
        }
    }

    @Test
    void aClaudeErrorResultFailsTheCall() throws Exception {
        Path bin = dir.resolve("bin");
        FakeClis.install(bin, "fake-agent", "claude");
        Path output = Files.writeString(
                dir.resolve("error.jsonl"),
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":429,"
                        + "\"result\":\"API Error: 429 rate limited\"}\n");
        ModelAdapter adapter = Providers.create(Map.of(
                "preset",
                "claude-code",
                "env",
                Map.of("PATH", Providers.pathWith(bin), "FAKE_REPLAY", output.toString(), "FAKE_EXIT", "1")));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(sink.error().getMessage()).isEqualTo("claude reported an error: API Error: 429 rate limited");
    }

    @Test
    void aMissingBinaryIsUnavailable() {
        ModelAdapter adapter = Providers.create(Map.of("preset", "claude-code", "env", Map.of("PATH", dir.toString())));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(sink.error().getMessage()).isEqualTo("command 'claude' not found on PATH");
    }

    @Test
    void stderrNeverReachesTheAnswer() throws Exception {
        Path answer = Files.writeString(dir.resolve("answer.txt"), "clean answer\n");
        ModelAdapter adapter = provider(
                "fake-agent",
                Map.of("env", Map.of("FAKE_REPLAY", answer.toString(), "FAKE_STDERR", "noise on stderr")));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.text()).isEqualTo("clean answer");
        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ModelAdapter adapter = Providers.create(Map.of("command", "pwd", "workingDirectory", work.toString()));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.text()).isEqualTo(work.toRealPath().toString());
    }

    @Test
    void aMissingWorkingDirectoryIsUnavailable() {
        ModelAdapter adapter = Providers.create(
                Map.of("command", "pwd", "workingDirectory", dir.resolve("nope").toString()));
        RecordingSink sink = new RecordingSink();

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(sink.error().getMessage()).contains("does not exist");
    }

    @Test
    void closingTheProviderStopsItsRunningCalls() throws Exception {
        Path pids = dir.resolve("pids");
        ModelAdapter adapter = provider("tree", Map.of("args", List.of(pids.toString())));
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> call = Providers.chatAsync(adapter, Providers.ask("m", "hi"), sink);
        assertThat(sink.awaitFirstChunk()).isTrue();

        adapter.close();
        call.get(30, TimeUnit.SECONDS);

        ProcessTrees.assertAllGone(ProcessTrees.awaitPids(pids));
        assertThat(sink.error().code()).contains("provider_closed");
        RecordingSink late = new RecordingSink();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> adapter.chat(Providers.ask("m", "hi"), Providers.call(), late))
                .hasMessageContaining("closed");
    }

    @Test
    void invalidRequestsFailBeforeAnyProcessStarts() {
        ModelAdapter adapter = provider("fail", Map.of());
        RecordingSink sink = new RecordingSink();
        long before = ProcessHandle.current().descendants().count();

        adapter.chat(
                Providers.ask(
                        "m",
                        new ai.dyad.gateway.api.chat.ChatMessage(
                                ai.dyad.gateway.api.chat.Role.USER,
                                List.of(new ai.dyad.gateway.api.chat.ContentPart.ImageUrl("https://x/y.png", null)),
                                false,
                                null,
                                List.of(),
                                null)),
                Providers.call(),
                sink);
        adapter.close();

        assertThat(sink.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(sink.error().param()).contains("messages[0].content[0]");
        assertThat(ProcessHandle.current().descendants().count()).isEqualTo(before);
    }

    private ModelAdapter provider(String script, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("command", FakeClis.install(dir, script).toString());
        return Providers.create(config);
    }
}
