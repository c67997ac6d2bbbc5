package ai.dyad.gateway.bench;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * A fast OpenAI-compatible upstream for benchmarks: answers on the IO threads without blocking, JSON or
 * SSE with a configurable number of chunks and delay between them. Usage:
 * {@code StubUpstream <port> <chunks> <delayMs>}.
 */
public final class StubUpstream {

    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"stub\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + "\"Hello from the stub upstream.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] MODELS =
            "{\"object\":\"list\",\"data\":[{\"id\":\"stub\",\"object\":\"model\",\"created\":1,\"owned_by\":\"stub\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHUNK = ("data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\","
                    + "\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},"
                    + "\"finish_reason\":null}]}\n\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAST = ("data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\","
                    + "\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}\n\ndata: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private StubUpstream() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int chunks = Integer.parseInt(args[1]);
        long delayMs = Long.parseLong(args[2]);
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setIoThreads(2)
                // HTTP/1.1 as before; a client that opens with HTTP/2's preface gets HTTP/2 (h2c prior knowledge).
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setHandler(exchange -> route(exchange, chunks, delayMs))
                .build()
                .start();
        System.out.println("stub upstream on 127.0.0.1:" + port);
    }

    private static void route(HttpServerExchange exchange, int chunks, long delayMs) {
        String path = exchange.getRequestPath();
        if (path.endsWith("/models")) {
            json(exchange, MODELS);
        } else if (path.endsWith("/chat/completions")) {
            // Dispatched on the same IO thread so the exchange stays open between delayed chunks.
            exchange.getRequestReceiver()
                    .receiveFullBytes((ex, body) -> ex.dispatch(SameThreadExecutor.INSTANCE, () -> {
                        if (new String(body, StandardCharsets.UTF_8)
                                .replace(" ", "")
                                .contains("\"stream\":true")) {
                            stream(ex, chunks, delayMs);
                        } else {
                            json(ex, COMPLETION);
                        }
                    }));
        } else {
            exchange.setStatusCode(404);
            exchange.endExchange();
        }
    }

    private static void json(HttpServerExchange exchange, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static void stream(HttpServerExchange exchange, int chunks, long delayMs) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        sendChunk(exchange, chunks, delayMs);
    }

    /** Flushes without blocking the IO thread, then runs {@code next}; closes the connection on failure. */
    private static void flush(StreamSinkChannel channel, Runnable next) {
        try {
            if (channel.flush()) {
                next.run();
                return;
            }
        } catch (IOException e) {
            IoUtils.safeClose(channel);
            return;
        }
        channel.getWriteSetter()
                .set(ChannelListeners.flushingChannelListener(
                        flushed -> {
                            flushed.suspendWrites();
                            next.run();
                        },
                        ChannelListeners.closingChannelExceptionHandler()));
        channel.resumeWrites();
    }

    /** Sends one chunk, then schedules the next on the IO thread: no thread per stream. */
    private static void sendChunk(HttpServerExchange exchange, int remaining, long delayMs) {
        byte[] bytes = remaining == 0 ? LAST : CHUNK;
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes), new io.undertow.io.IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, io.undertow.io.Sender sender) {
                if (remaining == 0) {
                    ex.endExchange();
                    return;
                }
                // HTTP/1.1 writes through to the socket; HTTP/2 holds the frame until flushed.
                flush(ex.getResponseChannel(), () -> {
                    if (delayMs <= 0) {
                        sendChunk(ex, remaining - 1, delayMs);
                    } else {
                        ex.getIoThread()
                                .executeAfter(
                                        () -> sendChunk(ex, remaining - 1, delayMs), delayMs, TimeUnit.MILLISECONDS);
                    }
                });
            }

            @Override
            public void onException(HttpServerExchange ex, io.undertow.io.Sender sender, java.io.IOException e) {
                IoUtils.safeClose(ex.getConnection());
            }
        });
    }
}
