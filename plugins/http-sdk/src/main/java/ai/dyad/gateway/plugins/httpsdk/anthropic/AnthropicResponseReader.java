package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Relays a whole Anthropic message: thinking, text and tool calls as one chunk, then the stop reason and usage. */
final class AnthropicResponseReader {

    private AnthropicResponseReader() {}

    /** Reads the body and completes the sink; {@code false} when the sink stopped taking chunks. */
    static boolean relay(InputStream body, ChatSink sink, Redactor redactor) throws IOException {
        JsonNode message = Json.parseUpstream(body.readAllBytes(), "response");
        if ("error".equals(Json.string(message, "type"))) {
            throw AnthropicErrors.inStream(message, redactor);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> thinking.append(block.path("thinking").asText());
                case "tool_use" ->
                    calls.add(new ToolCallDelta(
                            calls.size(),
                            Json.string(block, "id"),
                            Json.string(block, "name"),
                            Json.text(block.path("input").isObject() ? block.get("input") : Json.object())));
                default -> {
                    // redacted_thinking and server-side tool blocks have no OpenAI counterpart.
                }
            }
        }
        if (!text.isEmpty() || !thinking.isEmpty() || !calls.isEmpty()) {
            ChatChunk chunk = new ChatChunk(
                    0, text.isEmpty() ? null : text.toString(), thinking.isEmpty() ? null : thinking.toString(), calls);
            if (!sink.emit(chunk)) {
                return false;
            }
        }
        FinishReason finish = AnthropicStopReasons.parse(Json.string(message, "stop_reason"));
        sink.complete(
                finish == null ? FinishReason.STOP : finish,
                new AnthropicUsage().add(message.get("usage")).toUsage());
        return true;
    }
}
