package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.output.json.JsonObject;
import java.util.Optional;

/**
 * Gemini CLI's {@code --output-format stream-json} events: {@code init}, {@code message} (the assistant's text
 * arrives as {@code "delta": true} pieces; the echoed user message is skipped), {@code tool_use},
 * {@code tool_result}, {@code error} (documented as non-fatal warnings) and the final {@code result} with
 * {@code status} and {@code stats}.
 */
final class GeminiStreamJson implements EventParser {

    private final OutputListener out;

    GeminiStreamJson(OutputListener out) {
        this.out = out;
    }

    /** What Gemini CLI's documented headless exit statuses mean. */
    static Optional<CliFailure> exitFailure(int status) {
        return Optional.ofNullable(
                switch (status) {
                    case 1 ->
                        new CliFailure(
                                ErrorKind.UPSTREAM_ERROR, "cli_error", "gemini failed (general error or API failure)");
                    case 41 ->
                        new CliFailure(ErrorKind.UNAUTHORIZED, "cli_auth_failed", "gemini could not authenticate");
                    case 42 ->
                        new CliFailure(
                                ErrorKind.INVALID_REQUEST,
                                "cli_input_error",
                                "gemini rejected its input (invalid prompt or arguments)");
                    case 52 ->
                        new CliFailure(
                                ErrorKind.UNAVAILABLE,
                                "cli_config_error",
                                "gemini found an error in its configuration");
                    case 53 ->
                        new CliFailure(
                                ErrorKind.UPSTREAM_ERROR, "turn_limit_exceeded", "gemini exceeded its turn limit");
                    default -> null;
                });
    }

    @Override
    public void event(JsonObject event) {
        switch (String.valueOf(event.string("type"))) {
            case "message" -> {
                String content = event.string("content");
                if ("assistant".equals(event.string("role")) && content != null && !content.isEmpty()) {
                    out.text(content);
                }
            }
            case "error" -> out.warning("gemini " + event.string("severity") + ": " + event.string("message"));
            case "result" -> result(event);
            default -> {}
        }
    }

    private void result(JsonObject result) {
        JsonObject stats = result.object("stats");
        if (stats.has("input_tokens") || stats.has("output_tokens")) {
            out.usage(
                    new Usage(
                            (int) orZero(stats.integer("input_tokens")),
                            (int) orZero(stats.integer("output_tokens")),
                            (int) orZero(stats.integer("cached")),
                            0),
                    null);
        }
        if ("error".equals(result.string("status"))) {
            JsonObject error = result.object("error");
            String message = error.string("message");
            out.failure(new CliFailure(
                    ErrorKind.UPSTREAM_ERROR,
                    "cli_error",
                    "gemini reported an error: " + (message == null ? error.string("type") : message)));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
