package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.output.json.JsonObject;

/**
 * Codex's {@code codex exec --json} events. Codex reports an item's text only when the item completes, so an
 * {@code agent_message} arrives whole and {@code reasoning} items become reasoning text. Usage comes with
 * {@code turn.completed}; {@code turn.failed} fails the call; an {@code error} item is a warning. A top-level
 * {@code error} event fails the call unless a turn still completes after it (Codex reports stream retries that
 * way).
 */
final class CodexJson implements EventParser {

    private final OutputListener out;
    private int agentMessages;
    private int reasoningItems;
    private long inputTokens;
    private long cachedTokens;
    private long outputTokens;
    private long reasoningTokens;
    private String pendingError;

    CodexJson(OutputListener out) {
        this.out = out;
    }

    @Override
    public void event(JsonObject event) {
        switch (String.valueOf(event.string("type"))) {
            case "item.completed" -> item(event.object("item"));
            case "turn.completed" -> turnCompleted(event.object("usage"));
            case "turn.failed" ->
                out.failure(new CliFailure(
                        ErrorKind.UPSTREAM_ERROR,
                        "cli_error",
                        "codex turn failed: " + messageOr(event.object("error").string("message"))));
            case "error" -> pendingError = messageOr(event.string("message"));
            default -> {}
        }
    }

    @Override
    public void end() {
        if (pendingError != null) {
            out.failure(
                    new CliFailure(ErrorKind.UPSTREAM_ERROR, "cli_error", "codex reported an error: " + pendingError));
        }
    }

    private void item(JsonObject item) {
        String text = item.string("text");
        switch (String.valueOf(item.string("type"))) {
            case "agent_message" -> {
                if (text != null && !text.isEmpty()) {
                    // Several messages in one turn (around tool use) read as paragraphs of one answer.
                    out.text(agentMessages++ > 0 ? "\n\n" + text : text);
                }
            }
            case "reasoning" -> {
                if (text != null && !text.isEmpty()) {
                    out.reasoning(reasoningItems++ > 0 ? "\n\n" + text : text);
                }
            }
            case "error" -> out.warning("codex: " + messageOr(item.string("message")));
            default -> {}
        }
    }

    private void turnCompleted(JsonObject usage) {
        pendingError = null;
        inputTokens += orZero(usage.integer("input_tokens"));
        cachedTokens += orZero(usage.integer("cached_input_tokens"));
        outputTokens += orZero(usage.integer("output_tokens"));
        reasoningTokens += orZero(usage.integer("reasoning_output_tokens"));
        // OpenAI's own semantics: input includes cached tokens, output includes reasoning tokens.
        out.usage(new Usage((int) inputTokens, (int) outputTokens, (int) cachedTokens, (int) reasoningTokens), null);
    }

    private static String messageOr(String message) {
        return message == null || message.isBlank() ? "no message" : message;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
