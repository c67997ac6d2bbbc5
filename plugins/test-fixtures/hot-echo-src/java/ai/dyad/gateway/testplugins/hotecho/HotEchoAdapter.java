package ai.dyad.gateway.testplugins.hotecho;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams {@code [v<version>]} and then the prompt's words, pausing before each word. With a gate file, it
 * sends the first word and then waits for the file, so a test can act while the stream is surely in flight.
 */
final class HotEchoAdapter implements ModelAdapter {

    private final String version;
    private final long delayMs;
    private final Path gate;

    HotEchoAdapter(String version, long delayMs, Path gate) {
        this.version = version;
        this.delayMs = delayMs;
        this.gate = gate;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        CountDownLatch cancelled = new CountDownLatch(1);
        sink.onCancel(cancelled::countDown);
        if (!sink.emit(ChatChunk.text("[v" + version + "]"))) {
            return;
        }
        String[] words = request.messages().getLast().text().split(" ");
        for (int i = 0; i < words.length; i++) {
            long pause = i > 0 && gate != null && !Files.exists(gate) ? 20 : delayMs;
            try {
                while (pause > 0) {
                    if (cancelled.await(pause, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    pause = i > 0 && gate != null && !Files.exists(gate) ? 20 : 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!sink.emit(ChatChunk.text(" " + words[i]))) {
                return;
            }
        }
        sink.complete(FinishReason.STOP, null);
    }
}
