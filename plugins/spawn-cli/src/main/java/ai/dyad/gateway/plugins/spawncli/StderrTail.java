package ai.dyad.gateway.plugins.spawncli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Drains a process's stderr on its own virtual thread, keeping the last lines for error messages. */
final class StderrTail {

    private static final int MAX_LINES = 5;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    private StderrTail(InputStream stderr) {
        this.reader = Thread.ofVirtual().name("spawn-cli-stderr").start(() -> drain(stderr));
    }

    static StderrTail collect(InputStream stderr) {
        return new StderrTail(stderr);
    }

    private void drain(InputStream stderr) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > MAX_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read is all there is.
        }
    }

    /** {@code ": <last lines>"}, or empty when stderr said nothing. */
    String describe() {
        try {
            reader.join(java.time.Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return lines.isEmpty() ? "" : ": " + String.join(" | ", lines);
        }
    }
}
