package ai.dyad.gateway.plugins.spawncli.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Drains a process's stderr on a thread of its own (an undrained pipe fills and blocks the CLI) and keeps only its
 * last bytes, for error messages. Stderr is never part of the answer.
 */
public final class StderrTail {

    private static final int KEEP_BYTES = 4096;
    private static final int MAX_LINES = 5;

    private final byte[] ring = new byte[KEEP_BYTES];
    private long written;
    private final CountDownLatch ended = new CountDownLatch(1);

    private StderrTail() {}

    /** @param reader runs the blocking read loop until the stream ends (a platform thread) */
    public static StderrTail start(InputStream stderr, Executor reader) {
        StderrTail tail = new StderrTail();
        reader.execute(() -> tail.drain(stderr));
        return tail;
    }

    private void drain(InputStream stderr) {
        byte[] buffer = new byte[2048];
        try (stderr) {
            int read;
            while ((read = stderr.read(buffer)) != -1) {
                append(buffer, read);
            }
        } catch (IOException e) {
            // The process is gone or the stream was closed under us: what was read is all there is.
        } finally {
            ended.countDown();
        }
    }

    private synchronized void append(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % KEEP_BYTES)] = buffer[i];
        }
    }

    /** Waits up to {@code wait} for the end of stderr; whether it came. */
    public boolean awaitEnd(Duration wait) {
        try {
            return ended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The last non-blank lines, joined with {@code " | "}; empty when stderr said nothing. Waits up to
     * {@code wait} for the reader to reach the end of the stream.
     */
    public String lastLines(Duration wait) {
        awaitEnd(wait);
        List<String> lines = new ArrayList<>();
        for (String line : snapshot().split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
        return String.join(" | ", last);
    }

    private synchronized String snapshot() {
        int size = (int) Math.min(written, KEEP_BYTES);
        byte[] bytes = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(int) ((start + i) % KEEP_BYTES)];
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        // When the ring wrapped, its first line is a fragment (and may start mid-character): drop it.
        if (written > KEEP_BYTES) {
            int newline = text.indexOf('\n');
            text = newline < 0 ? text : text.substring(newline + 1);
        }
        return text;
    }
}
