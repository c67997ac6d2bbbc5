package ai.dyad.gateway.plugins.spawncli.output;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each output format yields, table-driven: the real CLI fixtures first, then documented event shapes the
 * fixtures do not show (thinking, errors, length stops).
 */
class OutputParsersTest {

    private static final String ANSWER = "This is a fake answer from the local";

    /** format, output, text, reasoning, usage (null: none reported), finish, failure kind (null: none). */
    static Stream<Arguments> outputs() {
        return Stream.of(
                // The real CLIs' captured stdout.
                row(
                        "claude fixture",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        fixture("claude-code-2.1.197.stream-json.jsonl"),
                        ANSWER,
                        "",
                        Usage.of(10, 8),
                        FinishReason.STOP,
                        null),
                row(
                        "codex fixture",
                        OutputFormat.CODEX_JSON,
                        fixture("codex-0.171.0.exec-json.jsonl"),
                        ANSWER,
                        "",
                        Usage.of(10, 8),
                        null,
                        null),
                row(
                        "gemini fixture",
                        OutputFormat.GEMINI_STREAM_JSON,
                        fixture("gemini-cli-0.61.0.stream-json.jsonl"),
                        ANSWER,
                        "",
                        Usage.of(10, 8),
                        null,
                        null),

                // Claude Code: thinking deltas are reasoning, not answer.
                row(
                        "claude thinking",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        lines(
                                claudeStart("m1"),
                                claudeDelta("thinking_delta", "thinking", "Let me "),
                                claudeDelta("thinking_delta", "thinking", "think."),
                                claudeDelta("signature_delta", "signature", "c2lnbg=="),
                                claudeDelta("text_delta", "text", "Four."),
                                "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"thinking\","
                                        + "\"thinking\":\"Let me think.\"},{\"type\":\"text\",\"text\":\"Four.\"}]}}",
                                "{\"type\":\"result\",\"is_error\":false,\"stop_reason\":\"end_turn\",\"usage\":"
                                        + "{\"input_tokens\":5,\"cache_read_input_tokens\":100,"
                                        + "\"cache_creation_input_tokens\":20,\"output_tokens\":7}}"),
                        "Four.",
                        "Let me think.",
                        new Usage(125, 7, 100, 0),
                        FinishReason.STOP,
                        null),
                // Claude Code without --include-partial-messages: whole assistant messages only.
                row(
                        "claude without partials",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        lines(
                                "{\"type\":\"system\",\"subtype\":\"init\"}",
                                "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"text\","
                                        + "\"text\":\"Hello\"}]}}",
                                "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"text\","
                                        + "\"text\":\" again\"}]}}",
                                "{\"type\":\"result\",\"is_error\":false,\"usage\":{\"input_tokens\":2,"
                                        + "\"output_tokens\":3}}"),
                        "Hello again",
                        "",
                        Usage.of(2, 3),
                        null,
                        null),
                row(
                        "claude max tokens",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        lines(
                                claudeStart("m1"),
                                claudeDelta("text_delta", "text", "Once upon"),
                                "{\"type\":\"stream_event\",\"event\":{\"type\":\"message_delta\",\"delta\":"
                                        + "{\"stop_reason\":\"max_tokens\"}}}",
                                "{\"type\":\"result\",\"is_error\":false,\"stop_reason\":\"max_tokens\",\"usage\":"
                                        + "{\"input_tokens\":1,\"output_tokens\":2}}"),
                        "Once upon",
                        "",
                        Usage.of(1, 2),
                        FinishReason.LENGTH,
                        null),
                row(
                        "claude is_error",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        lines("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":401,"
                                + "\"result\":\"API Error: 401 invalid x-api-key\",\"usage\":{\"input_tokens\":0,"
                                + "\"output_tokens\":0}}"),
                        "",
                        "",
                        Usage.of(0, 0),
                        null,
                        ErrorKind.UNAUTHORIZED),
                row(
                        "claude error during execution",
                        OutputFormat.CLAUDE_STREAM_JSON,
                        lines("{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true}"),
                        "",
                        "",
                        null,
                        null,
                        ErrorKind.UPSTREAM_ERROR),

                // Codex: reasoning items, several agent messages, failures.
                row(
                        "codex reasoning",
                        OutputFormat.CODEX_JSON,
                        lines(
                                "{\"type\":\"thread.started\",\"thread_id\":\"t\"}",
                                "{\"type\":\"turn.started\"}",
                                "{\"type\":\"item.started\",\"item\":{\"id\":\"i0\",\"type\":\"reasoning\",\"text\":\"\"}}",
                                "{\"type\":\"item.completed\",\"item\":{\"id\":\"i0\",\"type\":\"reasoning\","
                                        + "\"text\":\"**Plan** add\"}}",
                                "{\"type\":\"item.completed\",\"item\":{\"id\":\"i1\",\"type\":\"agent_message\","
                                        + "\"text\":\"First.\"}}",
                                "{\"type\":\"item.completed\",\"item\":{\"id\":\"i2\",\"type\":\"agent_message\","
                                        + "\"text\":\"Second.\"}}",
                                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":20,\"cached_input_tokens\":4,"
                                        + "\"output_tokens\":9,\"reasoning_output_tokens\":3}}"),
                        "First.\n\nSecond.",
                        "**Plan** add",
                        new Usage(20, 9, 4, 3),
                        null,
                        null),
                row(
                        "codex turn failed",
                        OutputFormat.CODEX_JSON,
                        lines(
                                "{\"type\":\"turn.started\"}",
                                "{\"type\":\"turn.failed\",\"error\":{\"message\":\"model not found\"}}"),
                        "",
                        "",
                        null,
                        null,
                        ErrorKind.UPSTREAM_ERROR),
                row(
                        "codex error then recovery",
                        OutputFormat.CODEX_JSON,
                        lines(
                                "{\"type\":\"error\",\"message\":\"stream disconnected, retrying\"}",
                                "{\"type\":\"item.completed\",\"item\":{\"id\":\"i1\",\"type\":\"agent_message\","
                                        + "\"text\":\"ok\"}}",
                                "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"),
                        "ok",
                        "",
                        Usage.of(1, 1),
                        null,
                        null),
                row(
                        "codex fatal error",
                        OutputFormat.CODEX_JSON,
                        lines("{\"type\":\"error\",\"message\":\"unexpected status 500\"}"),
                        "",
                        "",
                        null,
                        null,
                        ErrorKind.UPSTREAM_ERROR),

                // Gemini CLI: errors are warnings unless the result says error.
                row(
                        "gemini warning",
                        OutputFormat.GEMINI_STREAM_JSON,
                        lines(
                                "{\"type\":\"init\",\"model\":\"m\"}",
                                "{\"type\":\"error\",\"severity\":\"warning\",\"message\":\"loop detected\"}",
                                "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hi\",\"delta\":true}",
                                "{\"type\":\"tool_use\",\"tool_name\":\"read_file\",\"tool_id\":\"t1\",\"parameters\":{}}",
                                "{\"type\":\"tool_result\",\"tool_id\":\"t1\",\"status\":\"success\",\"output\":\"x\"}",
                                "{\"type\":\"result\",\"status\":\"success\",\"stats\":{\"input_tokens\":7,"
                                        + "\"output_tokens\":1,\"cached\":2}}"),
                        "Hi",
                        "",
                        new Usage(7, 1, 2, 0),
                        null,
                        null),
                row(
                        "gemini error result",
                        OutputFormat.GEMINI_STREAM_JSON,
                        lines("{\"type\":\"result\",\"status\":\"error\",\"error\":{\"type\":\"FatalTurnLimitedError\","
                                + "\"message\":\"turn limit\"},\"stats\":{\"input_tokens\":1,\"output_tokens\":0}}"),
                        "",
                        "",
                        Usage.of(1, 0),
                        null,
                        ErrorKind.UPSTREAM_ERROR),

                // Plain text: as written, without the trailing newlines.
                row("text", OutputFormat.TEXT, "Line one\nLine two\n\n", "Line one\nLine two", "", null, null, null),
                row("text with inner blank lines", OutputFormat.TEXT, "a\n\n\nb", "a\n\n\nb", "", null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void yieldsTextReasoningUsageAndErrors(
            String name,
            OutputFormat format,
            String output,
            String text,
            String reasoning,
            Usage usage,
            FinishReason finish,
            ErrorKind failure) {
        RecordingListener listener = decodeWhole(format, output);

        assertThat(listener.text()).isEqualTo(text);
        assertThat(listener.reasoning()).isEqualTo(reasoning);
        assertThat(listener.usage).isEqualTo(usage);
        assertThat(listener.finish).isEqualTo(finish);
        if (failure == null) {
            assertThat(listener.failures).isEmpty();
        } else {
            assertThat(listener.failures).extracting(CliFailure::kind).containsExactly(failure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void yieldsTheSameWhateverTheReadsLookLike(
            String name,
            OutputFormat format,
            String output,
            String text,
            String reasoning,
            Usage usage,
            FinishReason finish,
            ErrorKind failure) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        String whole = decodeWhole(format, output).summary();

        for (int cut = 0; cut <= bytes.length; cut++) {
            RecordingListener listener = new RecordingListener();
            StreamDecoder decoder = format.decoder(listener);
            decoder.feed(bytes, 0, cut);
            decoder.feed(bytes, cut, bytes.length - cut);
            decoder.end(false);
            assertThat(listener.summary()).as("split at byte %d", cut).isEqualTo(whole);
        }
        RecordingListener byteByByte = new RecordingListener();
        StreamDecoder decoder = format.decoder(byteByByte);
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes, i, 1);
        }
        decoder.end(false);
        assertThat(byteByByte.summary()).isEqualTo(whole);
    }

    @org.junit.jupiter.api.Test
    void claudeFixtureReportsItsCost() {
        RecordingListener listener =
                decodeWhole(OutputFormat.CLAUDE_STREAM_JSON, fixture("claude-code-2.1.197.stream-json.jsonl"));

        assertThat(listener.cost).isEqualTo(0.00025);
        // Eight deltas, and the repeated whole message is not sent again.
        assertThat(listener.texts).hasSize(8);
    }

    @org.junit.jupiter.api.Test
    void codexFixtureErrorItemIsOnlyAWarning() {
        RecordingListener listener = decodeWhole(OutputFormat.CODEX_JSON, fixture("codex-0.171.0.exec-json.jsonl"));

        assertThat(listener.failures).isEmpty();
        assertThat(listener.warnings).singleElement().asString().contains("Model metadata");
    }

    @org.junit.jupiter.api.Test
    void skipsLinesThatAreNotJson() {
        RecordingListener listener = decodeWhole(
                OutputFormat.GEMINI_STREAM_JSON,
                lines(
                        "Loaded cached credentials.",
                        "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"ok\"}"));

        assertThat(listener.text()).isEqualTo("ok");
        assertThat(listener.warnings).singleElement().asString().contains("1 line(s)");
    }

    @org.junit.jupiter.api.Test
    void truncatedOutputDropsTheUnfinishedRest() {
        byte[] bytes = "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"ok\"}\n{\"type\":\"mess"
                .getBytes(StandardCharsets.UTF_8);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = OutputFormat.GEMINI_STREAM_JSON.decoder(listener);
        decoder.feed(bytes, 0, bytes.length);
        decoder.end(true);

        assertThat(listener.text()).isEqualTo("ok");
        assertThat(listener.warnings).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void truncatedTextDropsAHalfCharacterInsteadOfReplacingIt() {
        byte[] bytes = "café".getBytes(StandardCharsets.UTF_8);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = OutputFormat.TEXT.decoder(listener);
        decoder.feed(bytes, 0, bytes.length - 1);
        decoder.end(true);

        assertThat(listener.text()).isEqualTo("caf");
    }

    @org.junit.jupiter.api.Test
    void geminiExitStatusesAreMappedAsDocumented() {
        assertThat(OutputFormat.GEMINI_STREAM_JSON.exitFailure(1))
                .get()
                .extracting(CliFailure::kind)
                .isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(OutputFormat.GEMINI_STREAM_JSON.exitFailure(42))
                .get()
                .extracting(CliFailure::kind)
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(OutputFormat.GEMINI_STREAM_JSON.exitFailure(53))
                .get()
                .extracting(CliFailure::code)
                .isEqualTo("turn_limit_exceeded");
        assertThat(OutputFormat.GEMINI_STREAM_JSON.exitFailure(7)).isEmpty();
        assertThat(OutputFormat.CLAUDE_STREAM_JSON.exitFailure(1)).isEmpty();
    }

    private static RecordingListener decodeWhole(OutputFormat format, String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = format.decoder(listener);
        decoder.feed(bytes, 0, bytes.length);
        decoder.end(false);
        return listener;
    }

    private static Arguments row(
            String name,
            OutputFormat format,
            String output,
            String text,
            String reasoning,
            Usage usage,
            FinishReason finish,
            ErrorKind failure) {
        return Arguments.of(name, format, output, text, reasoning, usage, finish, failure);
    }

    private static String claudeStart(String id) {
        return "{\"type\":\"stream_event\",\"event\":{\"type\":\"message_start\",\"message\":{\"id\":\"" + id
                + "\",\"content\":[]}}}";
    }

    private static String claudeDelta(String type, String field, String value) {
        return "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"" + type + "\",\"" + field + "\":\"" + value + "\"}}}";
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static String fixture(String name) {
        try (InputStream in = OutputParsersTest.class.getResourceAsStream("/fixtures/cli/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
