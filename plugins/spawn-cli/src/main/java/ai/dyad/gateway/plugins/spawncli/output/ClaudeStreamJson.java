package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.output.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Claude Code's {@code --output-format stream-json --verbose --include-partial-messages} events.
 *
 * <p>With partial messages, text and thinking arrive as {@code stream_event} deltas, and each finished message
 * arrives once more whole as an {@code assistant} event; that repeat is skipped for messages already streamed (and
 * used when the CLI runs without partial messages). The final {@code result} carries usage and cost, and
 * {@code is_error} when the call failed.
 */
final class ClaudeStreamJson implements EventParser {

    private final OutputListener out;
    private final Set<String> streamedMessages = new HashSet<>();

    ClaudeStreamJson(OutputListener out) {
        this.out = out;
    }

    @Override
    public void event(JsonObject event) {
        String type = event.string("type");
        if ("stream_event".equals(type)) {
            streamEvent(event.object("event"));
        } else if ("assistant".equals(type)) {
            wholeMessage(event.object("message"));
        } else if ("result".equals(type)) {
            result(event);
        }
        // system (init, status), user (tool results) and unknown events carry nothing for the answer.
    }

    private void streamEvent(JsonObject event) {
        switch (String.valueOf(event.string("type"))) {
            case "message_start" -> {
                String id = event.object("message").string("id");
                if (id != null) {
                    streamedMessages.add(id);
                }
            }
            case "content_block_delta" -> {
                JsonObject delta = event.object("delta");
                String deltaType = String.valueOf(delta.string("type"));
                if (deltaType.equals("text_delta")) {
                    emitText(delta.string("text"));
                } else if (deltaType.equals("thinking_delta")) {
                    emitReasoning(delta.string("thinking"));
                }
            }
            case "message_delta" -> {
                FinishReason reason = finishReason(event.object("delta").string("stop_reason"));
                if (reason != null) {
                    out.finish(reason);
                }
            }
            default -> {}
        }
    }

    private void wholeMessage(JsonObject message) {
        if (streamedMessages.contains(message.string("id"))) {
            return;
        }
        for (JsonObject block : message.objects("content")) {
            String blockType = String.valueOf(block.string("type"));
            if (blockType.equals("text")) {
                emitText(block.string("text"));
            } else if (blockType.equals("thinking")) {
                emitReasoning(block.string("thinking"));
            }
        }
    }

    private void result(JsonObject result) {
        JsonObject usage = result.object("usage");
        if (usage.has("input_tokens") || usage.has("output_tokens")) {
            out.usage(usage(usage), result.number("total_cost_usd"));
        }
        FinishReason reason = finishReason(result.string("stop_reason"));
        if (reason != null) {
            out.finish(reason);
        }
        if (result.isTrue("is_error")) {
            out.failure(failure(result));
        }
    }

    // Anthropic counts cache reads and writes apart from input_tokens; OpenAI's prompt_tokens includes them.
    private static Usage usage(JsonObject usage) {
        long cacheRead = orZero(usage.integer("cache_read_input_tokens"));
        long prompt = orZero(usage.integer("input_tokens"))
                + orZero(usage.integer("cache_creation_input_tokens"))
                + cacheRead;
        return new Usage((int) prompt, (int) orZero(usage.integer("output_tokens")), (int) cacheRead, 0);
    }

    private static CliFailure failure(JsonObject result) {
        String detail = result.string("result");
        if (detail == null || detail.isBlank()) {
            detail = String.valueOf(result.string("subtype"));
        }
        Long status = result.integer("api_error_status");
        ErrorKind kind = status == null ? ErrorKind.UPSTREAM_ERROR : CliFailure.kindForHttpStatus(status);
        return new CliFailure(kind, "cli_error", "claude reported an error: " + detail);
    }

    private static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> FinishReason.LENGTH;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    private void emitText(String text) {
        if (text != null && !text.isEmpty()) {
            out.text(text);
        }
    }

    private void emitReasoning(String text) {
        if (text != null && !text.isEmpty()) {
            out.reasoning(text);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
