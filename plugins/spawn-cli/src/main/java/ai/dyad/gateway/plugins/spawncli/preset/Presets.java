package ai.dyad.gateway.plugins.spawncli.preset;

import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.prompt.InputMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The presets, each taken from its CLI's documented non-interactive mode. The prompt always goes on stdin, so it
 * never shows in a process listing; a system prompt goes to the CLI's system flag where it has one.
 */
public final class Presets {

    private static final List<String> VERSION = List.of("--version");

    /**
     * {@code claude -p} reads the prompt from stdin. {@code --tools ""} turns every built-in tool off and
     * {@code --strict-mcp-config} ignores MCP servers from the user's settings, so it answers as a chat model; the
     * two variables stop background traffic and self-updates of a CLI run per request.
     */
    static final Preset CLAUDE_CODE = new Preset(
            "claude-code",
            "claude",
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
                    "{model}",
                    "--append-system-prompt",
                    "{system}"),
            InputMode.STDIN,
            OutputFormat.CLAUDE_STREAM_JSON,
            Map.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_AUTOUPDATER", "1"),
            VERSION);

    /**
     * Gemini reads stdin and appends the {@code -p} text to it, so an empty {@code -p} keeps the prompt off the
     * command line. {@code -m} is always passed: without it a routing call precedes every answer. Gemini has no
     * system flag, so a system prompt goes into the prompt's header. Headless runs need the working directory
     * trusted.
     */
    static final Preset GEMINI_CLI = new Preset(
            "gemini-cli",
            "gemini",
            List.of("-m", "{model}", "--output-format", "stream-json", "-p", ""),
            InputMode.STDIN,
            OutputFormat.GEMINI_STREAM_JSON,
            Map.of("GEMINI_CLI_TRUST_WORKSPACE", "true"),
            VERSION);

    /**
     * {@code codex exec -} reads the prompt from stdin; {@code --ephemeral} keeps no session files and a
     * read-only sandbox keeps the agent from changing anything. Codex has no system flag for exec.
     */
    static final Preset CODEX = new Preset(
            "codex",
            "codex",
            List.of(
                    "exec",
                    "--json",
                    "--skip-git-repo-check",
                    "--ephemeral",
                    "--sandbox",
                    "read-only",
                    "--model",
                    "{model}",
                    "-"),
            InputMode.STDIN,
            OutputFormat.CODEX_JSON,
            Map.of(),
            VERSION);

    /** {@code ollama run MODEL} reads the prompt from stdin when it is not a terminal and prints plain text. */
    static final Preset OLLAMA = new Preset(
            "ollama", "ollama", List.of("run", "{model}"), InputMode.STDIN, OutputFormat.TEXT, Map.of(), VERSION);

    /** Simon Willison's {@code llm} reads the prompt from stdin; {@code -s} is its system prompt. */
    static final Preset LLM = new Preset(
            "llm",
            "llm",
            List.of("-m", "{model}", "-s", "{system}"),
            InputMode.STDIN,
            OutputFormat.TEXT,
            Map.of(),
            VERSION);

    private static final List<Preset> ALL = List.of(CLAUDE_CODE, GEMINI_CLI, CODEX, OLLAMA, LLM);

    private Presets() {}

    public static Optional<Preset> named(String name) {
        return ALL.stream().filter(preset -> preset.name().equals(name)).findFirst();
    }

    public static String[] names() {
        return ALL.stream().map(Preset::name).toArray(String[]::new);
    }
}
