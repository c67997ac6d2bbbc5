package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic's token counts, gathered from {@code message_start} and {@code message_delta} (each may carry
 * some; later values replace earlier ones). Anthropic counts cache writes and reads apart from
 * {@code input_tokens}; OpenAI's {@code prompt_tokens} includes them, so they are added once here, and
 * cache reads are the cached tokens. One instance per call.
 */
final class AnthropicUsage {

    private int input;
    private int cacheCreation;
    private int cacheRead;
    private int output;
    private boolean seen;

    /** Takes the counts a usage object carries. */
    AnthropicUsage add(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        seen = true;
        input = take(usage, "input_tokens", input);
        cacheCreation = take(usage, "cache_creation_input_tokens", cacheCreation);
        cacheRead = take(usage, "cache_read_input_tokens", cacheRead);
        output = take(usage, "output_tokens", output);
        return this;
    }

    /** The usage, or {@code null} when the upstream reported none. */
    Usage toUsage() {
        return seen ? new Usage(input + cacheCreation + cacheRead, output, cacheRead, 0) : null;
    }

    private static int take(JsonNode usage, String field, int previous) {
        JsonNode value = usage.get(field);
        return value != null && value.isNumber() ? Math.max(0, value.asInt()) : previous;
    }
}
