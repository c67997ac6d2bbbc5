package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.deadlines.Deadlines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink an adapter writes one answer to. Chunks go straight to the {@link ChatOutput} on the adapter's
 * thread; how the answer ends (completed, failed, cancelled, timed out) is handed to the request thread,
 * which writes the ending. A lock keeps a late chunk from interleaving with the ending.
 */
final class ChatCall implements ChatSink {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCall.class);

    /** How an answer ended. */
    sealed interface Ending {
        record Completed(FinishReason reason, Usage usage) implements Ending {}

        record Failed(AdapterException error) implements Ending {}

        /** The client went away. */
        record Cancelled() implements Ending {}

        record TimedOut() implements Ending {}
    }

    private final ChatOutput output;
    private final ReentrantLock writing = new ReentrantLock();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private volatile boolean cancelled;
    private long generatedCodePoints;
    private Runnable firstChunkWritten = () -> {};
    private boolean chunkWritten;

    ChatCall(ChatOutput output) {
        this.output = output;
    }

    @Override
    public boolean emit(ChatChunk chunk) {
        writing.lock();
        try {
            if (cancelled || ending.isDone()) {
                return false;
            }
            count(chunk);
            output.chunk(chunk);
            if (!chunkWritten) {
                chunkWritten = true;
                firstChunkWritten.run();
            }
            return true;
        } catch (IOException e) {
            LOG.debug("client gone while streaming: {}", e.getMessage());
            cancel(new Ending.Cancelled());
            return false;
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void complete(FinishReason reason, Usage usage) {
        ending.complete(new Ending.Completed(reason, usage));
    }

    @Override
    public void fail(AdapterException error) {
        ending.complete(new Ending.Failed(error));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable abortUpstream) {
        synchronized (cancelActions) {
            if (!cancelled) {
                cancelActions.add(abortUpstream);
                return;
            }
        }
        runQuietly(abortUpstream);
    }

    /** Whether the answer has ended (completed, failed, cancelled or timed out). */
    boolean ended() {
        return ending.isDone();
    }

    /** Runs {@code action} once, after the first chunk is written; set before the adapter starts. */
    void onFirstChunk(Runnable action) {
        this.firstChunkWritten = action;
    }

    /** Cancels the call because the client went away. */
    void clientGone() {
        cancel(new Ending.Cancelled());
    }

    /**
     * Waits for the ending, at most {@code timeout}; past it the call ends as timed out and is cancelled
     * (its cancel actions run here, on the waiting thread, not on the shared deadline ticker).
     */
    Ending awaitEnding(Deadlines deadlines, Duration timeout) throws InterruptedException {
        Deadlines.Watch watch = deadlines.watch(timeout, () -> ending.complete(new Ending.TimedOut()));
        try {
            Ending end = ending.get();
            if (end instanceof Ending.TimedOut) {
                cancel(end);
            }
            return end;
        } catch (ExecutionException e) {
            throw new IllegalStateException("endings never complete exceptionally", e);
        } finally {
            watch.cancel();
        }
    }

    /** Runs {@code action} with chunks held back, so it writes the ending without a chunk in between. */
    void whileHoldingOutput(Runnable action) {
        writing.lock();
        try {
            action.run();
        } finally {
            writing.unlock();
        }
    }

    /** Code points generated so far, for estimating completion tokens when the adapter reports none. */
    long generatedCodePoints() {
        return generatedCodePoints;
    }

    private void cancel(Ending why) {
        List<Runnable> actions;
        synchronized (cancelActions) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        ending.complete(why);
        actions.forEach(ChatCall::runQuietly);
    }

    private void count(ChatChunk chunk) {
        generatedCodePoints += length(chunk.content()) + length(chunk.reasoningContent());
        for (ToolCallDelta call : chunk.toolCalls()) {
            generatedCodePoints += length(call.name()) + length(call.arguments());
        }
    }

    private static long length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("cancel action failed", e);
        }
    }
}
