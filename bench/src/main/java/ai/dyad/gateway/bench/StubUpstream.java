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
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
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
        new SseStream(exchange.getResponseChannel(), exchange.getIoThread(), delayMs).send(chunks);
    }

    /**
     * One stream's chunks, written and flushed on the IO thread with the next one scheduled there: no thread
     * per stream. Each chunk is flushed, as HTTP/2 holds frames until then (HTTP/1.1 writes through).
     */
    private record SseStream(StreamSinkChannel channel, XnioIoThread ioThread, long delayMs) {

        void send(int remaining) {
            ByteBuffer chunk = ByteBuffer.wrap(remaining == 0 ? LAST : CHUNK);
            write(chunk, () -> {
                if (remaining == 0) {
                    channel.shutdownWrites();
                    write(chunk, () -> {}); // nothing left to write: flushes the end of the response
                } else if (delayMs <= 0) {
                    send(remaining - 1);
                } else {
                    ioThread.executeAfter(() -> send(remaining - 1), delayMs, TimeUnit.MILLISECONDS);
                }
            });
        }

        /** Writes what is left of {@code bytes} and flushes, waiting for the socket where it is full. */
        private void write(ByteBuffer bytes, ThrowingRunnable next) {
            try {
                while (bytes.hasRemaining()) {
                    if (channel.write(bytes) == 0) {
                        retryWhenWritable(bytes, next);
                        return;
                    }
                }
                if (!channel.flush()) {
                    retryWhenWritable(bytes, next);
                    return;
                }
                next.run();
            } catch (IOException e) {
                IoUtils.safeClose(channel);
            }
        }

        private void retryWhenWritable(ByteBuffer bytes, ThrowingRunnable next) {
            channel.getWriteSetter().set(writable -> {
                writable.suspendWrites();
                write(bytes, next);
            });
            channel.resumeWrites();
        }
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }
}
