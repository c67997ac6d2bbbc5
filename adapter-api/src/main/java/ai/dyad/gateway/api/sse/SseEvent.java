package ai.dyad.gateway.api.sse;

import java.util.Objects;

/**
 * One server-sent event, as defined by the HTML living standard's {@code text/event-stream} format.
 *
 * @param event the event type from an {@code event:} line; nullable (then the type is {@code message})
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id the last event id seen in the stream so far; nullable
 */
public record SseEvent(String event, String data, String id) {

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** An unnamed event carrying only data, as OpenAI streams use. */
    public static SseEvent data(String data) {
        return new SseEvent(null, data, null);
    }

    /** A named event, as Anthropic streams use. */
    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data, null);
    }

    /** The event type, {@code message} when the stream named none. */
    public String type() {
        return event == null ? "message" : event;
    }
}
