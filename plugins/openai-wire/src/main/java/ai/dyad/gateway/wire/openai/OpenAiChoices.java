package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Turns the choices of OpenAI answers (stream deltas and whole messages) into {@link ChatChunk}s. */
final class OpenAiChoices {

    private OpenAiChoices() {}

    /** The chunk a streamed choice carries, or {@code null} when its delta holds nothing (a role-only delta). */
    static ChatChunk fromDelta(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        List<ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            calls.add(new ToolCallDelta(
                    Json.integer(call, "index"),
                    Json.string(call, "id"),
                    Json.string(function, "name"),
                    Json.string(function, "arguments")));
        }
        return chunk(choice, delta, calls);
    }

    /** The chunk holding a whole (non-streamed) choice's message, or {@code null} when it is empty. */
    static ChatChunk fromMessage(JsonNode choice) {
        JsonNode message = choice.path("message");
        List<ToolCallDelta> calls = new ArrayList<>();
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String arguments = Json.string(function, "arguments");
            calls.add(new ToolCallDelta(
                    index++,
                    Json.string(call, "id"),
                    Json.string(function, "name"),
                    arguments == null ? "" : arguments));
        }
        return chunk(choice, message, calls);
    }

    private static ChatChunk chunk(JsonNode choice, JsonNode message, List<ToolCallDelta> calls) {
        String content = Json.string(message, "content");
        if (content == null) {
            // A refusal replaces the content; the API has no separate place for it.
            content = Json.string(message, "refusal");
        }
        // "reasoning_content" is DeepSeek's and vLLM's name, "reasoning" OpenRouter's and Ollama's.
        String reasoning = Json.string(message, "reasoning_content");
        if (reasoning == null) {
            reasoning = Json.string(message, "reasoning");
        }
        boolean hasContent = content != null && !content.isEmpty();
        boolean hasReasoning = reasoning != null && !reasoning.isEmpty();
        if (!hasContent && !hasReasoning && calls.isEmpty()) {
            return null;
        }
        return new ChatChunk(
                Json.integer(choice, "index"), hasContent ? content : null, hasReasoning ? reasoning : null, calls);
    }
}
