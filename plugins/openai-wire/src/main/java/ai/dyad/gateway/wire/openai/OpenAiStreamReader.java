package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.api.sse.SseEvent;
import ai.dyad.gateway.api.sse.SseReader;
import ai.dyad.gateway.api.sse.SseWriter;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Relays an OpenAI chat completion stream ({@code data: {chunk}} events, then {@code data: [DONE]}) to a
 * sink, each chunk as soon as its event arrives. The finish reason and the usage (which OpenAI sends on a
 * separate, choice-less last chunk) are held back for {@link ChatSink#complete}.
 */
public final class OpenAiStreamReader {

    private final Redactor redactor;

    public OpenAiStreamReader(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Reads the stream to its end and completes the sink, or returns early (answer {@code false}) when the
     * sink no longer wants chunks.
     *
     * @throws AdapterException when the upstream reports an error inside the stream or the stream ends early
     */
    public boolean relay(InputStream body, ChatSink sink) throws IOException {
        SseReader events = new SseReader(body);
        FinishReason finish = null;
        Usage usage = null;
        boolean done = false;
        SseEvent event;
        while ((event = events.next()) != null) {
            String data = event.data().strip();
            if (data.equals(SseWriter.OPENAI_DONE)) {
                done = true;
                break;
            }
            if (data.isEmpty()) {
                continue;
            }
            JsonNode chunk = Json.parseUpstream(data, "stream event");
            if (Json.has(chunk, "error") || "error".equals(event.event())) {
                throw OpenAiErrors.inStream(chunk, redactor);
            }
            Usage reported = OpenAiUsage.parse(chunk.get("usage"));
            usage = reported != null ? reported : usage;
            for (JsonNode choice : chunk.path("choices")) {
                ChatChunk piece = OpenAiChoices.fromDelta(choice);
                if (piece != null && !sink.emit(piece)) {
                    return false;
                }
                FinishReason reason = OpenAiFinishReasons.parse(Json.string(choice, "finish_reason"));
                if (reason != null && (finish == null || Json.integer(choice, "index") == 0)) {
                    finish = reason;
                }
            }
        }
        if (!done && finish == null) {
            throw new AdapterException(
                    ErrorKind.UPSTREAM_ERROR,
                    "the upstream's stream ended before the answer was complete",
                    HttpErrors.PROVIDER_STREAM_ERROR,
                    null,
                    null,
                    null);
        }
        sink.complete(finish == null ? FinishReason.STOP : finish, usage);
        return true;
    }
}
