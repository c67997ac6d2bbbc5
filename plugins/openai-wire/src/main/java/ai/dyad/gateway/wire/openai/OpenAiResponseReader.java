package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/** Relays a whole (non-streamed) OpenAI chat completion to a sink: one chunk per choice, then completion. */
public final class OpenAiResponseReader {

    private final Redactor redactor;

    public OpenAiResponseReader(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Reads the body and completes the sink; {@code false} when the sink stopped taking chunks. */
    public boolean relay(InputStream body, ChatSink sink) throws IOException {
        JsonNode response = Json.parseUpstream(body.readAllBytes(), "response");
        if (Json.has(response, "error")) {
            throw OpenAiErrors.inStream(response, redactor);
        }
        FinishReason finish = null;
        for (JsonNode choice : response.path("choices")) {
            ChatChunk chunk = OpenAiChoices.fromMessage(choice);
            if (chunk != null && !sink.emit(chunk)) {
                return false;
            }
            if (finish == null || Json.integer(choice, "index") == 0) {
                FinishReason reason = OpenAiFinishReasons.parse(Json.string(choice, "finish_reason"));
                finish = reason != null ? reason : finish;
            }
        }
        sink.complete(finish == null ? FinishReason.STOP : finish, OpenAiUsage.parse(response.get("usage")));
        return true;
    }
}
