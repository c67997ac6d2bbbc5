package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads an OpenAI {@code usage} object, with its cached and reasoning token details. */
public final class OpenAiUsage {

    private OpenAiUsage() {}

    /** The usage, or {@code null} when the node is absent or null. */
    public static Usage parse(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Usage(
                Math.max(0, Json.integer(usage, "prompt_tokens")),
                Math.max(0, Json.integer(usage, "completion_tokens")),
                Math.max(0, Json.integer(usage.path("prompt_tokens_details"), "cached_tokens")),
                Math.max(0, Json.integer(usage.path("completion_tokens_details"), "reasoning_tokens")));
    }
}
