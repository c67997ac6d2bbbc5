package ai.dyad.gateway.wire.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot HTTP server on the loopback interface that starts an answer and then stalls, and notices when
 * the client drops the connection: the way to see that cancelling a call really aborts it upstream (a mock
 * server that keeps the socket to itself cannot show that).
 */
public final class StallingServer implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch requestRead = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param contentType the answer's content type, such as {@code text/event-stream}
     * @param firstPart the bytes sent right after the headers, before the stall
     */
    public StallingServer(String contentType, String firstPart) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().start(() -> serve(contentType, firstPart));
    }

    /** The base URL to point an adapter at, with the given path appended, such as {@code /v1}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve(String contentType, String firstPart) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            readHeadersAndBody(in);
            requestRead.countDown();
            OutputStream out = socket.getOutputStream();
            byte[] chunk = firstPart.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(chunk.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Stall: wait until the client closes its side (read gives -1 or fails).
            socket.setSoTimeout(30_000);
            while (in.read() != -1) {
                // discard
            }
        } catch (IOException e) {
            // A reset from the client is a departure too.
        } finally {
            clientGone.countDown();
        }
    }

    private static void readHeadersAndBody(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at);
            int length = Integer.parseInt(lower.substring(at + 15, end).trim());
            in.readNBytes(length);
        }
    }

    /** Waits until the request has been received; a hang guard, not a timing check. */
    public boolean awaitRequest(long seconds) throws InterruptedException {
        return requestRead.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits until the client dropped the connection. */
    public boolean awaitClientGone(long seconds) throws InterruptedException {
        return clientGone.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
