package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.plugins.spawncli.output.json.JsonException;
import ai.dyad.gateway.plugins.spawncli.output.json.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited JSON output: splits bytes into lines (a line may span many reads, and a read many lines),
 * decodes each complete line as UTF-8 and hands the parsed object to an {@link EventParser}. Splitting on the byte
 * {@code '\n'} before decoding is safe because that byte never occurs inside a multi-byte UTF-8 character.
 */
final class NdjsonStream implements StreamDecoder {

    private final EventParser parser;
    private final OutputListener listener;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private int unreadableLines;

    NdjsonStream(EventParser parser, OutputListener listener) {
        this.parser = parser;
        this.listener = listener;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                if (partialLine.size() == 0) {
                    line(bytes, start, i - start);
                } else {
                    partialLine.write(bytes, start, i - start);
                    line(partialLine.toByteArray(), 0, partialLine.size());
                    partialLine.reset();
                }
                start = i + 1;
            }
        }
        partialLine.write(bytes, start, end - start);
    }

    @Override
    public void end(boolean truncated) {
        // Some CLIs omit the final newline; a line cut off by the byte limit, though, is not JSON worth trying.
        if (!truncated && partialLine.size() > 0) {
            line(partialLine.toByteArray(), 0, partialLine.size());
        }
        partialLine.reset();
        if (unreadableLines > 0) {
            listener.warning(unreadableLines + " line(s) of output were not JSON events and were skipped");
        }
        parser.end();
    }

    private void line(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        try {
            parser.event(JsonParser.parseObject(text));
        } catch (JsonException e) {
            // A banner or a stray log line on stdout is not part of the answer, and not worth failing it.
            unreadableLines++;
        }
    }
}
