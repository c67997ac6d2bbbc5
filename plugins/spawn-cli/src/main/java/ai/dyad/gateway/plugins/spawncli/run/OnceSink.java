package ai.dyad.gateway.plugins.spawncli.run;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the {@link ChatSink} contract although two threads touch the answer (the stdout reader emits, the call's
 * thread ends it): one caller at a time, nothing after the end, and exactly one of complete or fail.
 */
public final class OnceSink {

    private final ChatSink sink;
    // A lock rather than synchronized: emit may block for long (back-pressure), and on a virtual thread a
    // monitor held that long pins its carrier on JDK 21.
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ended;
    private volatile boolean clientGone;

    public OnceSink(ChatSink sink) {
        this.sink = sink;
    }

    /** Passes a chunk on; {@code false} once the client is gone or the answer ended. */
    public boolean emit(ChatChunk chunk) {
        lock.lock();
        try {
            if (ended || clientGone) {
                return false;
            }
            if (!sink.emit(chunk)) {
                clientGone = true;
            }
            return !clientGone;
        } finally {
            lock.unlock();
        }
    }

    public boolean clientGone() {
        return clientGone;
    }

    public void complete(FinishReason reason, Usage usage) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                sink.complete(reason, usage);
            }
        } finally {
            lock.unlock();
        }
    }

    public void fail(AdapterException error) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                sink.fail(error);
            }
        } finally {
            lock.unlock();
        }
    }
}
