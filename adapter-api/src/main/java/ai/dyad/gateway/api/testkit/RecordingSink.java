package ai.dyad.gateway.api.testkit;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import ai.dyad.gateway.api.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link ChatSink} for adapter tests: records every chunk and the ending, checks the sink contract (one
 * ending, no chunk after it), and can play a client that goes away ({@link #cancel()},
 * {@link #cancelAfterChunks(int)}). Thread-safe.
 */
public final class RecordingSink implements ChatSink {

    private final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile int cancelAfter = -1;
    private volatile boolean ended;
    private volatile FinishReason finishReason;
    private volatile Usage usage;
    private volatile AdapterException error;

    /**
     * Runs one adapter call against this sink the way the host does: an {@link AdapterException} thrown by
     * the call counts as {@link #fail}.
     */
    public RecordingSink drive(Consumer<ChatSink> call) {
        try {
            call.accept(this);
        } catch (AdapterException e) {
            fail(e);
        }
        return this;
    }

    /** Makes the sink cancel the call, as a departing client would, once it has received this many chunks. */
    public RecordingSink cancelAfterChunks(int count) {
        cancelAfter = count;
        return this;
    }

    @Override
    public boolean emit(ChatChunk chunk) {
        if (ended) {
            violations.add("emit after the answer ended");
        }
        if (cancelled.get()) {
            return false;
        }
        chunks.add(chunk);
        if (cancelAfter >= 0 && chunks.size() >= cancelAfter) {
            cancel();
            return false;
        }
        return true;
    }

    @Override
    public void complete(FinishReason reason, Usage usage) {
        end();
        this.finishReason = reason;
        this.usage = usage;
    }

    @Override
    public void fail(AdapterException error) {
        end();
        this.error = error;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable abortUpstream) {
        synchronized (cancelActions) {
            if (!cancelled.get()) {
                cancelActions.add(abortUpstream);
                return;
            }
        }
        abortUpstream.run();
    }

    /** Cancels the call: runs the registered abort actions once, and later {@link #emit}s return false. */
    public void cancel() {
        List<Runnable> actions;
        synchronized (cancelActions) {
            if (!cancelled.compareAndSet(false, true)) {
                return;
            }
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    private void end() {
        if (ended) {
            violations.add("the answer ended twice");
        }
        ended = true;
    }

    /** Every chunk received, in order. */
    public List<ChatChunk> chunks() {
        return List.copyOf(chunks);
    }

    /** The answer text of choice 0. */
    public String text() {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.index() == 0 && c.content() != null).forEach(c -> text.append(c.content()));
        return text.toString();
    }

    /** The reasoning text of choice 0. */
    public String reasoning() {
        StringBuilder text = new StringBuilder();
        chunks.stream()
                .filter(c -> c.index() == 0 && c.reasoningContent() != null)
                .forEach(c -> text.append(c.reasoningContent()));
        return text.toString();
    }

    /**
     * The tool calls of choice 0, assembled from their pieces the way OpenAI clients do: by index, with the
     * first id and name seen and the argument fragments concatenated.
     */
    public List<ToolCall> toolCalls() {
        Map<Integer, String[]> byIndex = new TreeMap<>();
        for (ChatChunk chunk : chunks) {
            if (chunk.index() != 0) {
                continue;
            }
            for (ToolCallDelta delta : chunk.toolCalls()) {
                String[] call = byIndex.computeIfAbsent(delta.index(), i -> new String[] {null, null, ""});
                if (call[0] == null) {
                    call[0] = delta.id();
                }
                if (call[1] == null) {
                    call[1] = delta.name();
                }
                if (delta.arguments() != null) {
                    call[2] += delta.arguments();
                }
            }
        }
        return byIndex.values().stream()
                .map(call -> new ToolCall(call[0], call[1], call[2]))
                .toList();
    }

    /** Whether {@link #complete} or {@link #fail} was called. */
    public boolean ended() {
        return ended;
    }

    /** The finish reason, if the answer completed. */
    public Optional<FinishReason> finishReason() {
        return Optional.ofNullable(finishReason);
    }

    /** The usage the adapter reported on completion, if any. */
    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    /** The error the answer failed with, if it failed. */
    public Optional<AdapterException> error() {
        return Optional.ofNullable(error);
    }

    /** Breaches of the sink contract seen so far; empty for a well-behaved adapter. */
    public List<String> violations() {
        return List.copyOf(violations);
    }
}
