package ai.dyad.gateway.api.sse;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Reads server-sent events from a stream as they arrive: each {@link #next()} returns as soon as the blank
 * line ending an event has been read, so a relay adds no buffering delay.
 *
 * <p>Follows the {@code text/event-stream} parsing rules (CR, LF or CRLF line ends; {@code :} comments;
 * {@code data}, {@code event}, {@code id} fields; one optional space after the colon; a leading BOM), with
 * one leniency: data still pending when the stream ends is returned as a last event rather than dropped,
 * because some servers close the stream right after their final {@code data:} line. Not thread-safe: one
 * reader per stream.
 */
public final class SseReader implements AutoCloseable {

    /** Where the lines come from: UTF-8 bytes, or characters. */
    interface Lines extends Closeable {
        /** The next line without its end, or {@code null} at the end of the stream. */
        String readLine() throws IOException;
    }

    private final Lines lines;
    private String lastEventId;
    private boolean first = true;

    /** Reads UTF-8 bytes with a small buffer of its own (a relay holds one reader per open stream). */
    public SseReader(InputStream in) {
        this.lines = new Utf8Lines(in);
    }

    public SseReader(Reader in) {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.lines = new Lines() {
            @Override
            public String readLine() throws IOException {
                return buffered.readLine();
            }

            @Override
            public void close() throws IOException {
                buffered.close();
            }
        };
    }

    /**
     * Blocks until the next event is complete.
     *
     * @return the event, or {@code null} at the end of the stream
     * @throws IOException when reading fails (also when another thread closed the stream to cancel)
     */
    public SseEvent next() throws IOException {
        StringBuilder data = null;
        String event = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (first) {
                first = false;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, data.toString(), lastEventId);
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
            switch (field) {
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                case "event" -> event = value;
                case "id" -> lastEventId = value.indexOf('\0') < 0 ? value : lastEventId;
                default -> {
                    // "retry" and unknown fields do not matter to a client that never reconnects.
                }
            }
        }
        return data == null ? null : new SseEvent(event, data.toString(), lastEventId);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
