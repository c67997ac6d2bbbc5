package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Accepts a sane client {@code x-request-id} or makes one, and returns it on every response. */
public final class RequestIds implements HttpHandler {

    public static final HttpString HEADER = HttpString.tryFromString("x-request-id");

    /** The logging context (MDC) key of the request id. */
    public static final String MDC_KEY = "request_id";

    private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final HttpHandler next;

    public RequestIds(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String given = exchange.getRequestHeaders().getFirst(HEADER);
        String id = given != null && SAFE.matcher(given).matches()
                ? given
                : "req_" + UUID.randomUUID().toString().replace("-", "");
        exchange.putAttachment(KEY, id);
        exchange.getResponseHeaders().put(HEADER, id);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            next.handleRequest(exchange);
        } finally {
            restore(previous);
        }
    }

    /**
     * Runs {@code action} with the exchange's request id in the logging context (MDC), so every log line
     * it writes carries the id; for code that runs on another thread than the one that received the request.
     */
    public static void withLogContext(HttpServerExchange exchange, Runnable action) {
        withLogContext(of(exchange), action);
    }

    /** Runs {@code action} with {@code requestId} in the logging context (MDC). */
    public static void withLogContext(String requestId, Runnable action) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        try {
            action.run();
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }

    /** The request id of an exchange that passed through this handler. */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        return id == null ? "unknown" : id;
    }
}
