package ai.dyad.gateway.api.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 text lines (ended by CR, LF or CRLF) straight from bytes, as {@link java.io.BufferedReader}
 * would from an {@link java.io.InputStreamReader}, but with one small buffer instead of their 8 K chars and
 * 8 KB: a stream relay holds one reader per open stream, for as long as the stream lasts. Splitting before
 * decoding is safe because CR and LF never occur inside a multi-byte UTF-8 sequence. The buffer grows for a
 * longer line and shrinks back after it. Not thread-safe.
 */
final class Utf8Lines implements SseReader.Lines {

    /** Bigger than a typical event line (an OpenAI chunk is a few hundred bytes), small per open stream. */
    static final int BUFFER_SIZE = 1024;

    private final InputStream in;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int start;
    private int end;
    /** The last line ended with CR: an LF right after it belongs to the same line end. */
    private boolean skipLf;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /**
     * Blocks until a whole line has arrived (reading no further than needed for it).
     *
     * @return the line without its end, the unterminated rest at the end of the stream, or {@code null} at
     *     the end of the stream
     */
    @Override
    public String readLine() throws IOException {
        int scanned = 0; // bytes after start already known to hold no line end
        while (true) {
            if (skipLf && start < end) {
                skipLf = false;
                if (buffer[start] == '\n') {
                    start++;
                }
            }
            for (int i = start + scanned; i < end; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    String line = decode(start, i);
                    start = i + 1;
                    skipLf = b == '\r';
                    shrinkIfGrown();
                    return line;
                }
            }
            scanned = end - start;
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                String rest = decode(start, end);
                start = end;
                return rest;
            }
        }
    }

    private String decode(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    /** Reads more bytes after the ones held, moving or growing the buffer to make room; false at the end. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            byte[] bigger = new byte[buffer.length * 2];
            System.arraycopy(buffer, 0, bigger, 0, end);
            buffer = bigger;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    /** After a long line, goes back to the small buffer (when what is left fits), so it is not kept. */
    private void shrinkIfGrown() {
        if (buffer.length > BUFFER_SIZE && end - start <= BUFFER_SIZE) {
            byte[] small = new byte[BUFFER_SIZE];
            System.arraycopy(buffer, start, small, 0, end - start);
            end -= start;
            start = 0;
            buffer = small;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
