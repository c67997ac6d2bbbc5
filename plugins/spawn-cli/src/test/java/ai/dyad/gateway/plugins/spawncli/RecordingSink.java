package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A {@link ChatSink} that records what an adapter does with it, checks the contract (nothing after the end, exactly
 * one end) and plays the host's part in cancellation.
 */
final class RecordingSink implements ChatSink {

    private final List<ChatChunk> chunks = new ArrayList<>();
    private final CountDownLatch firstChunk = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicInteger ends = new AtomicInteger();
    private final List<String> violations = new ArrayList<>();
    private volatile Consumer<ChatChunk> onChunk = chunk -> {};
    private volatile int acceptChunks = Integer.MAX_VALUE;
    private volatile FinishReason reason;
    private volatile Usage usage;
    private volatile AdapterException error;
    private Runnable cancelAction;
    private boolean cancelled;

    /** Runs for every chunk, on the emitting thread, before {@code emit} returns. */
    RecordingSink onChunk(Consumer<ChatChunk> action) {
        this.onChunk = action;
        return this;
    }

    /** After this many chunks, {@code emit} answers false, as when the client went away. */
    RecordingSink acceptOnly(int count) {
        this.acceptChunks = count;
        return this;
    }

    @Override
    public boolean emit(ChatChunk chunk) {
        Objects.requireNonNull(chunk);
        synchronized (this) {
            if (ends.get() > 0) {
                violations.add("emit after the end");
            }
            chunks.add(chunk);
        }
        onChunk.accept(chunk);
        firstChunk.countDown();
        synchronized (this) {
            return chunks.size() < acceptChunks && !cancelled;
        }
    }

    @Override
    public void complete(FinishReason reason, Usage usage) {
        this.reason = reason;
        this.usage = usage;
        end();
    }

    @Override
    public void fail(AdapterException error) {
        this.error = error;
        end();
    }

    private void end() {
        if (ends.incrementAndGet() > 1) {
            synchronized (this) {
                violations.add("ended twice");
            }
        }
        ended.countDown();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable abortUpstream) {
        boolean runNow;
        synchronized (this) {
            if (cancelAction != null) {
                violations.add("onCancel registered twice");
            }
            cancelAction = abortUpstream;
            runNow = cancelled;
        }
        if (runNow) {
            abortUpstream.run();
        }
    }

    /** Cancels the call as the host does when the client disconnects: the registered action runs once. */
    void cancel() {
        Runnable action;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            action = cancelAction;
        }
        if (action != null) {
            action.run();
        }
    }

    boolean awaitFirstChunk() throws InterruptedException {
        return firstChunk.await(30, TimeUnit.SECONDS);
    }

    boolean awaitEnd() throws InterruptedException {
        return ended.await(60, TimeUnit.SECONDS);
    }

    synchronized List<ChatChunk> chunks() {
        return List.copyOf(chunks);
    }

    synchronized String text() {
        return chunks.stream().map(ChatChunk::content).filter(Objects::nonNull).collect(Collectors.joining());
    }

    synchronized String reasoning() {
        return chunks.stream()
                .map(ChatChunk::reasoningContent)
                .filter(Objects::nonNull)
                .collect(Collectors.joining());
    }

    FinishReason reason() {
        return reason;
    }

    Usage usage() {
        return usage;
    }

    AdapterException error() {
        return error;
    }

    int ends() {
        return ends.get();
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
