package ai.dyad.gateway.host.conformance;

import java.util.ArrayList;
import java.util.List;

/** Server-sent event bodies as OpenAI frames them: {@code data: <json>} events, then {@code data: [DONE]}. */
final class Sse {

    private Sse() {}

    /** A stream of the given JSON chunks followed by {@code [DONE]}. */
    static String of(List<String> chunks) {
        StringBuilder body = new StringBuilder();
        chunks.forEach(chunk -> body.append("data: ").append(chunk).append("\n\n"));
        return body.append("data: [DONE]\n\n").toString();
    }

    /** The data payloads of a stream body, {@code [DONE]} included; fails on anything but data events. */
    static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            if (!event.startsWith("data: ") || event.indexOf('\n') >= 0) {
                throw new AssertionError("not a single-line data event: " + event);
            }
            events.add(event.substring("data: ".length()));
        }
        return events;
    }
}
