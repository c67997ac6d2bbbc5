package ai.dyad.gateway.plugins.spawncli.output;

import java.util.Arrays;
import java.util.Optional;

/** How a CLI writes its answer to stdout; the {@code output} config key names one. */
public enum OutputFormat {
    /** Plain text, streamed as it is written. */
    TEXT("text"),
    /** Claude Code's {@code stream-json} events. */
    CLAUDE_STREAM_JSON("claude-stream-json"),
    /** Gemini CLI's {@code stream-json} events. */
    GEMINI_STREAM_JSON("gemini-stream-json"),
    /** Codex's {@code exec --json} events. */
    CODEX_JSON("codex-json");

    private final String wireName;

    OutputFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutputFormat fromWire(String name) {
        return Arrays.stream(values())
                .filter(format -> format.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown output format '" + name + "'"));
    }

    public static String[] wireNames() {
        return Arrays.stream(values()).map(OutputFormat::wireName).toArray(String[]::new);
    }

    /** A fresh decoder for one call's stdout. */
    public StreamDecoder decoder(OutputListener listener) {
        return switch (this) {
            case TEXT -> new TextStream(listener);
            case CLAUDE_STREAM_JSON -> new NdjsonStream(new ClaudeStreamJson(listener), listener);
            case GEMINI_STREAM_JSON -> new NdjsonStream(new GeminiStreamJson(listener), listener);
            case CODEX_JSON -> new NdjsonStream(new CodexJson(listener), listener);
        };
    }

    /** What a non-zero exit status means for the CLI behind this format, when its documentation says. */
    public Optional<CliFailure> exitFailure(int status) {
        return this == GEMINI_STREAM_JSON ? GeminiStreamJson.exitFailure(status) : Optional.empty();
    }
}
