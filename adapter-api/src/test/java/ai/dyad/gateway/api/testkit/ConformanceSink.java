package ai.dyad.gateway.api.testkit;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChatSink} that records what an adapter does with it, the way the host's sink behaves: once the call
 * is cancelled, {@link #emit} returns {@code false} and the registered cancel actions run. It also notes every
 * breach of the sink contract (a chunk after the end, a second end) so tests can assert there was none.
 * Thread-safe.
 */
public final class ConformanceSink implements ChatSink {

    /** How an answer ended, as the sink saw it. */
    public sealed interface Ending {
        /** {@link ChatSink#complete} was called. */
        record Completed(FinishReason reason, Usage usage) implements Ending {}

        /** {@link ChatSink#fail} was called, or the adapter threw an {@link AdapterException}. */
        record Failed(AdapterException error) implements Ending {}
    }

    private final int acceptedChunks;
    private final List<ChatChunk> chunks = new ArrayList<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CountDownLatch cancelHookRegistered = new CountDownLatch(1);
    private Ending ending;
    private boolean cancelled;
    private int chunksAfterCancel;

    private ConformanceSink(int acceptedChunks) {
        this.acceptedChunks = acceptedChunks;
    }

    /** A sink that takes every chunk, like a patient client. */
    public static ConformanceSink accepting() {
        return new ConformanceSink(Integer.MAX_VALUE);
    }

    /** A sink whose client goes away at the first chunk: that {@code emit} returns {@code false} and cancels. */
    public static ConformanceSink leavingAtFirstChunk() {
        return new ConformanceSink(0);
    }

    @Override
    public boolean emit(ChatChunk chunk) {
        List<Runnable> toRun;
        synchronized (this) {
            if (ending != null) {
                violations.add("emit after the answer ended (" + ending + ")");
                return false;
            }
            if (cancelled) {
                chunksAfterCancel++;
                return false;
            }
            if (chunks.size() >= acceptedChunks) {
                toRun = cancelLocked();
            } else {
                chunks.add(chunk);
                return true;
            }
        }
        toRun.forEach(Runnable::run);
        return false;
    }

    @Override
    public synchronized void complete(FinishReason reason, Usage usage) {
        end(new Ending.Completed(reason, usage));
    }

    @Override
    public synchronized void fail(AdapterException error) {
        end(new Ending.Failed(error));
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void onCancel(Runnable abortUpstream) {
        synchronized (this) {
            cancelHookRegistered.countDown();
            if (!cancelled) {
                cancelActions.add(abortUpstream);
                return;
            }
        }
        abortUpstream.run();
    }

    /** Cancels the call as the host does when the client leaves or the deadline passes. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            toRun = cancelLocked();
        }
        toRun.forEach(Runnable::run);
    }

    /** Waits until the adapter registered a cancel action; {@code false} if it did not within the time. */
    public boolean awaitCancelHook(long millis) throws InterruptedException {
        return cancelHookRegistered.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The chunks accepted so far. */
    public synchronized List<ChatChunk> chunks() {
        return List.copyOf(chunks);
    }

    /** The answer text: the {@code content} of every accepted chunk, joined. */
    public synchronized String content() {
        StringBuilder text = new StringBuilder();
        for (ChatChunk chunk : chunks) {
            if (chunk.content() != null) {
                text.append(chunk.content());
            }
        }
        return text.toString();
    }

    /** How the answer ended, if it has. */
    public synchronized Optional<Ending> ending() {
        return Optional.ofNullable(ending);
    }

    /** Chunks the adapter offered after {@link #emit} had returned {@code false}; a polite adapter offers none. */
    public synchronized int chunksAfterCancel() {
        return chunksAfterCancel;
    }

    /** Breaches of the sink contract seen so far; empty for a well-behaved adapter. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Records an exception the adapter threw out of {@code chat} (the host treats it like {@link #fail}). */
    synchronized void thrown(AdapterException error) {
        if (ending == null) {
            ending = new Ending.Failed(error);
        } else if (!cancelled) {
            violations.add("threw " + error + " after the answer ended (" + ending + ")");
        }
    }

    /** Records a contract breach found outside the sink (an exception of the wrong type, a hang). */
    synchronized void violation(String what) {
        violations.add(what);
    }

    private void end(Ending end) {
        if (ending != null) {
            violations.add("answer ended twice: " + ending + ", then " + end);
            return;
        }
        ending = end;
    }

    private List<Runnable> cancelLocked() {
        if (cancelled) {
            return List.of();
        }
        cancelled = true;
        List<Runnable> toRun = List.copyOf(cancelActions);
        cancelActions.clear();
        return toRun;
    }
}
