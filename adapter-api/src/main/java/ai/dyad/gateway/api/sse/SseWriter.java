package ai.dyad.gateway.api.sse;

import java.nio.charset.StandardCharsets;

/** Encodes events in the {@code text/event-stream} format; the counterpart of {@link SseReader}. */
public final class SseWriter {

    /** The terminating event of an OpenAI stream, {@code data: [DONE]}. */
    public static final String OPENAI_DONE = "[DONE]";

    private SseWriter() {}

    /** The event as text, ending with the blank line that dispatches it; multi-line data becomes several lines. */
    public static String format(SseEvent event) {
        StringBuilder out = new StringBuilder(event.data().length() + 16);
        if (event.event() != null) {
            requireSingleLine(event.event(), "event");
            out.append("event: ").append(event.event()).append('\n');
        }
        if (event.id() != null) {
            requireSingleLine(event.id(), "id");
            out.append("id: ").append(event.id()).append('\n');
        }
        for (String line : event.data().split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    /** The event as UTF-8 bytes. */
    public static byte[] encode(SseEvent event) {
        return format(event).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireSingleLine(String value, String field) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE " + field + " cannot span lines");
        }
    }
}
