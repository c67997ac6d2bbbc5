package ai.dyad.gateway.wire.testing;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@link RecordingSink} received, as JSON, so stream-translation fixtures can state the expected
 * chunks, finish reason, usage or error in a file. Absent fields are left out.
 */
public final class SinkJson {

    private SinkJson() {}

    public static ObjectNode of(RecordingSink sink) {
        ObjectNode out = Json.object();
        ArrayNode chunks = out.putArray("chunks");
        for (ChatChunk chunk : sink.chunks()) {
            ObjectNode c = chunks.addObject();
            if (chunk.index() != 0) c.put("index", chunk.index());
            if (chunk.content() != null) c.put("content", chunk.content());
            if (chunk.reasoningContent() != null) c.put("reasoning", chunk.reasoningContent());
            if (!chunk.toolCalls().isEmpty()) {
                ArrayNode calls = c.putArray("toolCalls");
                for (ToolCallDelta d : chunk.toolCalls()) {
                    ObjectNode call = calls.addObject().put("index", d.index());
                    if (d.id() != null) call.put("id", d.id());
                    if (d.name() != null) call.put("name", d.name());
                    if (d.arguments() != null) call.put("arguments", d.arguments());
                }
            }
        }
        sink.finishReason().ifPresent(f -> out.put("finish", f.wireName()));
        sink.usage().ifPresent(u -> out.set("usage", usage(u)));
        sink.error().ifPresent(e -> out.set("error", error(e)));
        return out;
    }

    private static ObjectNode usage(Usage u) {
        return Json.object()
                .put("prompt", u.promptTokens())
                .put("completion", u.completionTokens())
                .put("cached", u.cachedTokens())
                .put("reasoning", u.reasoningTokens());
    }

    private static ObjectNode error(AdapterException e) {
        ObjectNode error = Json.object().put("kind", e.kind().name()).put("message", e.getMessage());
        e.code().ifPresent(code -> error.put("code", code));
        if (e instanceof UpstreamHttpException upstream) {
            error.put("status", upstream.status());
        }
        return error;
    }
}
