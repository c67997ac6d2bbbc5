package ai.dyad.gateway.host.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.util.Headers;
import java.util.Locale;

/**
 * Gzips JSON (and the docs' text assets) for clients that accept it. Never event streams: a compressor
 * buffers, and a stream must reach the client chunk by chunk. Small bodies are sent as they are, since
 * compressing them costs more than it saves. Decided when the response starts, from its headers.
 */
public final class Compression {

    static final long MIN_BYTES = 1024;

    private Compression() {}

    public static HttpHandler wrap(HttpHandler next) {
        ContentEncodingRepository encodings = new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50, Compression::worthIt);
        return new EncodingHandler(next, encodings);
    }

    private static boolean worthIt(HttpServerExchange exchange) {
        String type = exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("text/event-stream")) {
            return false;
        }
        boolean compressible = lower.startsWith("application/json")
                || lower.startsWith("text/")
                || lower.startsWith("application/javascript");
        String length = exchange.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH);
        return compressible && (length == null || parse(length) >= MIN_BYTES);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
