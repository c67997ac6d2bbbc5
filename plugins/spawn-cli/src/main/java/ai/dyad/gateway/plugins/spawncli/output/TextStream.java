package ai.dyad.gateway.plugins.spawncli.output;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Plain-text output: every read becomes answer text at once. A multi-byte character split across reads is held
 * until its last byte arrives. Newlines at the very end of the output are dropped (CLIs such as {@code ollama run}
 * end their answer with them), so trailing newlines are held back until more text follows.
 */
final class TextStream implements StreamDecoder {

    private final OutputListener listener;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private CharBuffer chars = CharBuffer.allocate(1024);
    private final StringBuilder heldNewlines = new StringBuilder();

    TextStream(OutputListener listener) {
        this.listener = listener;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        ByteBuffer input = withPending(bytes, offset, length);
        decode(input, false);
        keepRest(input);
    }

    @Override
    public void end(boolean truncated) {
        if (!truncated) {
            ByteBuffer input = pending;
            decode(input, true);
            chars.clear();
            decoder.flush(chars);
            deliver();
        }
        // The held newlines are the end of the output: dropping them is the point of holding them.
    }

    private ByteBuffer withPending(byte[] bytes, int offset, int length) {
        if (!pending.hasRemaining()) {
            return ByteBuffer.wrap(bytes, offset, length);
        }
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + length);
        joined.put(pending).put(bytes, offset, length).flip();
        return joined;
    }

    private void decode(ByteBuffer input, boolean endOfInput) {
        chars.clear();
        int room = (int) Math.ceil(input.remaining() * (double) decoder.maxCharsPerByte()) + 1;
        if (chars.capacity() < room) {
            chars = CharBuffer.allocate(room);
        }
        decoder.decode(input, chars, endOfInput);
        deliver();
    }

    private void keepRest(ByteBuffer input) {
        byte[] rest = new byte[input.remaining()];
        input.get(rest);
        pending = ByteBuffer.wrap(rest);
    }

    private void deliver() {
        chars.flip();
        if (!chars.hasRemaining()) {
            return;
        }
        String text = chars.toString();
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end > 0) {
            String out = heldNewlines.isEmpty() ? text.substring(0, end) : heldNewlines + text.substring(0, end);
            heldNewlines.setLength(0);
            listener.text(out);
        }
        heldNewlines.append(text, end, text.length());
    }
}
