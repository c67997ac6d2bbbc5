package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.api.sse.SseEvent;
import ai.dyad.gateway.api.sse.SseReader;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Relays an Anthropic Messages stream as OpenAI chunks, each as soon as its event arrives.
 *
 * <p>Anthropic numbers content blocks (text, thinking and tool calls together); OpenAI numbers tool calls
 * alone. So each {@code tool_use} block gets the next tool index when it starts, and that index, with the
 * block's id and name on the first piece, carries every {@code input_json_delta} fragment of it. One
 * instance per call: it holds the stream's state.
 */
final class AnthropicStreamReader {

    private final Redactor redactor;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final Set<Integer> toolsWithArguments = new HashSet<>();
    private final AnthropicUsage usage = new AnthropicUsage();
    private FinishReason finish;

    AnthropicStreamReader(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Reads the stream and completes the sink; {@code false} when the sink stopped taking chunks. */
    boolean relay(InputStream body, ChatSink sink) throws IOException {
        SseReader events = new SseReader(body);
        SseEvent event;
        while ((event = events.next()) != null) {
            JsonNode data = Json.parseUpstream(event.data(), "stream event");
            String type = data.has("type") ? data.path("type").asText() : event.type();
            ChatChunk chunk =
                    switch (type) {
                        case "message_start" -> {
                            usage.add(data.path("message").get("usage"));
                            yield null;
                        }
                        case "content_block_start" ->
                            blockStart(data.path("index").asInt(), data.path("content_block"));
                        case "content_block_delta" ->
                            blockDelta(data.path("index").asInt(), data.path("delta"));
                        case "content_block_stop" ->
                            blockStop(data.path("index").asInt());
                        case "message_delta" -> {
                            FinishReason reason =
                                    AnthropicStopReasons.parse(Json.string(data.path("delta"), "stop_reason"));
                            finish = reason != null ? reason : finish;
                            usage.add(data.get("usage"));
                            yield null;
                        }
                        case "message_stop" -> {
                            sink.complete(finish == null ? FinishReason.STOP : finish, usage.toUsage());
                            yield null;
                        }
                        case "error" -> throw AnthropicErrors.inStream(data, redactor);
                        default -> null; // ping, and event types added later
                    };
            if ("message_stop".equals(type)) {
                return true;
            }
            if (chunk != null && !sink.emit(chunk)) {
                return false;
            }
        }
        throw new AdapterException(
                ErrorKind.UPSTREAM_ERROR,
                "Anthropic's stream ended before message_stop",
                HttpErrors.PROVIDER_STREAM_ERROR,
                null,
                null,
                null);
    }

    private ChatChunk blockStart(int block, JsonNode content) {
        return switch (content.path("type").asText()) {
            case "tool_use" -> {
                int index = toolIndexByBlock.size();
                toolIndexByBlock.put(block, index);
                yield tool(new ToolCallDelta(index, Json.string(content, "id"), Json.string(content, "name"), ""));
            }
            case "text" -> nonEmpty(Json.string(content, "text"), false);
            case "thinking" -> nonEmpty(Json.string(content, "thinking"), true);
            default -> null;
        };
    }

    private ChatChunk blockDelta(int block, JsonNode delta) {
        return switch (delta.path("type").asText()) {
            case "text_delta" -> nonEmpty(Json.string(delta, "text"), false);
            case "thinking_delta" -> nonEmpty(Json.string(delta, "thinking"), true);
            case "input_json_delta" -> {
                Integer index = toolIndexByBlock.get(block);
                String fragment = Json.string(delta, "partial_json");
                if (index == null || fragment == null || fragment.isEmpty()) {
                    yield null;
                }
                toolsWithArguments.add(index);
                yield tool(new ToolCallDelta(index, null, null, fragment));
            }
            default -> null; // signature_delta, citations_delta
        };
    }

    /** A tool call whose input streamed no fragment (a tool without parameters) still gets valid JSON. */
    private ChatChunk blockStop(int block) {
        Integer index = toolIndexByBlock.get(block);
        if (index == null || toolsWithArguments.contains(index)) {
            return null;
        }
        toolsWithArguments.add(index);
        return tool(new ToolCallDelta(index, null, null, "{}"));
    }

    private static ChatChunk tool(ToolCallDelta delta) {
        return ChatChunk.toolCalls(List.of(delta));
    }

    private static ChatChunk nonEmpty(String text, boolean reasoning) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return reasoning ? ChatChunk.reasoning(text) : ChatChunk.text(text);
    }
}
