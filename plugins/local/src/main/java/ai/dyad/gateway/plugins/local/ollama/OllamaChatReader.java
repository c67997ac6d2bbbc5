package ai.dyad.gateway.plugins.local.ollama;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.wire.http.ErrorBodies;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Relays Ollama's chat answers: a stream of NDJSON objects, or one object, each with a partial
 * {@code message} ({@code content}, {@code thinking}, whole {@code tool_calls}) until one says
 * {@code done}. Ollama gives tool calls no ids, so each gets a fresh one for the client to echo back. One
 * instance per call.
 */
final class OllamaChatReader {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final Redactor redactor;
    private final Supplier<String> ids;
    private int toolCalls;

    /** @param ids makes a tool call id where Ollama sent none */
    OllamaChatReader(Redactor redactor, Supplier<String> ids) {
        this.redactor = redactor;
        this.ids = ids;
    }

    /** Ids shaped like OpenAI's ({@code call_} and 24 random characters). */
    static Supplier<String> randomIds() {
        return () -> {
            char[] id = new char[24];
            for (int i = 0; i < id.length; i++) {
                id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
            }
            return "call_" + new String(id);
        };
    }

    /** Relays a streamed answer, line by line as it arrives; {@code false} when the sink stopped taking chunks. */
    boolean relayStream(InputStream body, ChatSink sink) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Step step = accept(Json.parseUpstream(line, "stream line"), sink);
            if (step != Step.MORE) {
                return step == Step.DONE;
            }
        }
        throw new AdapterException(
                ErrorKind.UPSTREAM_ERROR,
                "Ollama's stream ended before it was done",
                HttpErrors.PROVIDER_STREAM_ERROR,
                null,
                null,
                null);
    }

    /** Relays a whole answer. */
    boolean relayWhole(InputStream body, ChatSink sink) throws IOException {
        Step step = accept(Json.parseUpstream(body.readAllBytes(), "response"), sink);
        if (step == Step.QUIT) {
            return false;
        }
        if (step == Step.MORE) {
            throw new AdapterException(
                    ErrorKind.UPSTREAM_ERROR, "Ollama's answer is not done", Json.BAD_RESPONSE, null, null, null);
        }
        return true;
    }

    /** What reading one object leads to. */
    private enum Step {
        /** More objects follow. */
        MORE,
        /** The answer is done and the sink completed. */
        DONE,
        /** The sink took no more chunks. */
        QUIT
    }

    private Step accept(JsonNode part, ChatSink sink) {
        if (Json.has(part, "error")) {
            throw HttpErrors.inAnswer(ErrorKind.UPSTREAM_ERROR, 200, ErrorBodies.fromNode(part, redactor));
        }
        JsonNode message = part.path("message");
        List<ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            String id = Json.string(call, "id");
            calls.add(new ToolCallDelta(
                    toolCalls++,
                    id != null ? id : ids.get(),
                    Json.string(function, "name"),
                    arguments.isTextual()
                            ? arguments.asText()
                            : Json.text(arguments.isObject() ? arguments : Json.object())));
        }
        String content = nonEmpty(Json.string(message, "content"));
        String thinking = nonEmpty(Json.string(message, "thinking"));
        if ((content != null || thinking != null || !calls.isEmpty())
                && !sink.emit(new ChatChunk(0, content, thinking, calls))) {
            return Step.QUIT;
        }
        if (!part.path("done").asBoolean(false)) {
            return Step.MORE;
        }
        FinishReason finish = toolCalls > 0
                ? FinishReason.TOOL_CALLS
                : "length".equals(Json.string(part, "done_reason")) ? FinishReason.LENGTH : FinishReason.STOP;
        Usage usage = part.has("prompt_eval_count") || part.has("eval_count")
                ? Usage.of(Json.integer(part, "prompt_eval_count"), Json.integer(part, "eval_count"))
                : null;
        sink.complete(finish, usage);
        return Step.DONE;
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
