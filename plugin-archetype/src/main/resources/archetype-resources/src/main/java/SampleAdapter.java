package ${package};

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A sample adapter whose "backend" answers with a greeting and the last user message, word by word. Replace
 * {@link #chat} with calls to your backend; keep its shape: emit chunks as they arrive, stop when the sink says
 * so, end with exactly one {@code complete} or {@code fail}, and map every backend error to an
 * {@link AdapterException} with the right {@link ErrorKind}.
 */
final class SampleAdapter implements ModelAdapter {

    private final String greeting;
    private final long wordDelayMs;

    SampleAdapter(String greeting, long wordDelayMs) {
        this.greeting = greeting;
        this.wordDelayMs = wordDelayMs;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        String prompt = request.messages().getLast().text();
        if (prompt.isBlank()) {
            // A request the backend cannot serve: INVALID_REQUEST becomes a 400 for the client.
            throw new AdapterException(ErrorKind.INVALID_REQUEST, "there is nothing to answer: the message is empty");
        }
        // Cancellation (client gone, deadline passed) must stop the work: here, the pause between words.
        CountDownLatch cancelled = new CountDownLatch(1);
        sink.onCancel(cancelled::countDown);

        if (!greeting.isEmpty() && !sink.emit(ChatChunk.text(greeting))) {
            return;
        }
        for (String word : prompt.split("(?<=\\s)")) {
            if (pause(cancelled) || !sink.emit(ChatChunk.text(word))) {
                return; // the client is gone: stop and return, without ending the answer
            }
        }
        // Report usage when the backend gives it; here we estimate, as the host would.
        Usage usage = Usage.of(TokenEstimator.estimate(request.messages()), TokenEstimator.estimate(greeting + prompt));
        sink.complete(FinishReason.STOP, usage);
    }

    /** Waits before the next word; true if the call was cancelled meanwhile. */
    private boolean pause(CountDownLatch cancelled) {
        if (wordDelayMs <= 0) {
            return cancelled.getCount() == 0;
        }
        try {
            return cancelled.await(wordDelayMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        // Release clients, pools and threads here: the gateway closes adapters when providers change
        // and when the plugin is replaced or removed.
    }
}
