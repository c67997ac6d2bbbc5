package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.ResponseWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeSet;

/**
 * Streams an answer as OpenAI server-sent events, one flushed event per chunk. Headers go out with the
 * first chunk, so until then the call may still fail over or answer with a plain error status.
 */
final class SseChatOutput implements ChatOutput {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServerExchange exchange;
    private final ChatCompletionJson json;
    private final boolean includeUsage;
    private final ErrorResponder errors;
    private final Duration stallLimit;
    private final TreeSet<Integer> openChoices = new TreeSet<>();
    private ResponseWriter writer;

    SseChatOutput(
            HttpServerExchange exchange,
            ChatCompletionJson json,
            boolean includeUsage,
            ErrorResponder errors,
            Duration stallLimit) {
        this.exchange = exchange;
        this.json = json;
        this.includeUsage = includeUsage;
        this.errors = errors;
        this.stallLimit = stallLimit;
    }

    @Override
    public void chunk(ChatChunk chunk) throws IOException {
        start();
        boolean first = openChoices.add(chunk.index());
        send(json.deltaChunk(chunk, first));
    }

    @Override
    public boolean started() {
        return writer != null;
    }

    @Override
    public void discardUnsent() {
        // Chunks are written as they come, so nothing is held back before the start.
        openChoices.clear();
    }

    @Override
    public void finish(FinishReason reason, Usage usage) throws IOException {
        if (openChoices.isEmpty()) {
            chunk(ChatChunk.text(""));
        }
        for (int index : openChoices) {
            send(json.finishChunk(index, reason));
        }
        // OpenAI sends usage only when asked (include_usage), in a chunk with empty choices. Clients such as
        // the Vercel AI SDK never ask yet read usage from whichever chunk has it, so it is always sent; when
        // not asked for, in a chunk whose one choice is empty, since clients that did not ask may read
        // choices[0] of every chunk. Not on the finish chunk: the OpenAI Java SDK's accumulator takes a chunk
        // with usage as the usage-only chunk and ignores its choices.
        send(includeUsage ? json.usageChunk(usage) : json.trailingUsageChunk(openChoices.first(), usage));
        writeRaw(DONE);
        writer.finish();
    }

    @Override
    public void error(ApiError error) throws IOException {
        if (!started()) {
            errors.send(exchange, error);
            return;
        }
        send(errors.body(error));
        writeRaw(DONE);
        writer.finish();
    }

    private void start() {
        if (writer != null) {
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(HttpString.tryFromString("x-accel-buffering"), "no");
        writer = new ResponseWriter(exchange, stallLimit);
    }

    private void send(byte[] event) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(DATA.length + event.length + END.length);
        buffer.put(DATA).put(event).put(END).flip();
        writer.write(buffer);
    }

    private void writeRaw(byte[] bytes) throws IOException {
        writer.write(ByteBuffer.wrap(bytes));
    }
}
