package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink an adapter writes one answer to, on the request's thread. Chunks go straight to the {@link
 * ChatOutput}; how the answer ended (completed, failed, cancelled, timed out) is kept for the request thread,
 * which writes the ending once the adapter returned. A lock keeps a late chunk from interleaving with the
 * ending. A call can also be abandoned (see {@link ChatExecution}), when its adapter ignored a cancellation.
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

    /** Where the adapter is: still in its {@code chat} method, back from it, or left behind. */
    private enum AdapterState {
        RUNNING,
        RETURNED,
        ABANDONED
    }

    private final ChatOutput output;
    private final ReentrantLock writing = new ReentrantLock();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final AtomicReference<AdapterState> adapter = new AtomicReference<>(AdapterState.RUNNING);
    private final CountDownLatch returned = new CountDownLatch(1);
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

    /** How the answer ended; call once the adapter returned (or was left behind), when an ending is set. */
    Ending ending() {
        return ending.getNow(null);
    }

    /**
     * Ends the call as timed out unless it ended already, and cancels it: chunks are refused from now on and
     * the cancel actions (abort the upstream, kill the process) run here, on the caller's thread.
     */
    void timeOut() {
        Ending timedOut = new Ending.TimedOut();
        if (ending.complete(timedOut)) {
            cancel(timedOut);
        }
    }

    /**
     * The adapter returned on the request's thread. {@code false} if the call was {@linkplain #abandon()
     * abandoned} first: the request was answered without it and the thread must leave it alone.
     */
    boolean adapterReturned() {
        boolean first = adapter.compareAndSet(AdapterState.RUNNING, AdapterState.RETURNED);
        returned.countDown();
        return first;
    }

    /** Waits up to {@code grace} for the adapter to return; {@code true} if it did. */
    boolean awaitReturn(Duration grace) throws InterruptedException {
        return returned.await(grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Gives up on an adapter that is still running (it ignored its cancellation): {@code true} if it had not
     * returned, and then the request is answered without it.
     */
    boolean abandon() {
        return adapter.compareAndSet(AdapterState.RUNNING, AdapterState.ABANDONED);
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
