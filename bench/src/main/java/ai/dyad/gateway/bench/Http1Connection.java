package ai.dyad.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One keep-alive HTTP/1.1 connection that sends prepared requests and reads the answers itself. The probes
 * measure sub-millisecond differences, and the JDK's HTTP client adds about half a millisecond of its own
 * per request on this machine (its selector thread, executor hand-offs and a cold JIT in a short-lived
 * probe), which buried the gateway's figure; a blocking socket read adds almost nothing.
 */
final class Http1Connection implements AutoCloseable {

    /** A request encoded once and sent many times. */
    record Request(InetSocketAddress address, byte[] bytes) {

        static Request post(URI url, Map<String, String> headers, String body) {
            return of("POST", url, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        static Request get(URI url, Map<String, String> headers) {
            return of("GET", url, headers, new byte[0]);
        }

        private static Request of(String method, URI url, Map<String, String> headers, byte[] payload) {
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(url.getRawPath())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(url.getHost())
                    .append(':')
                    .append(url.getPort())
                    .append("\r\n");
            if (payload.length > 0) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(payload.length)
                        .append("\r\n");
            }
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = new byte[headBytes.length + payload.length];
            System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
            System.arraycopy(payload, 0, bytes, headBytes.length, payload.length);
            return new Request(new InetSocketAddress(url.getHost(), url.getPort()), bytes);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;

    private Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
    }

    static Http1Connection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(60_000);
        return new Http1Connection(socket);
    }

    /** Whether the server kept the connection open after the last answer. */
    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    /**
     * Sends {@code request} and reads the whole answer; {@code lines} hears every line of the body as soon as
     * it arrived (for server-sent events). Returns the status code.
     */
    int exchange(Request request, Consumer<String> lines) throws IOException {
        out.write(request.bytes());
        out.flush();
        int status = parseStatus(readLine());
        long length = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        LineSplitter splitter = new LineSplitter(lines);
        if (chunked) {
            readChunked(splitter);
        } else if (length >= 0) {
            copy(length, splitter);
        } else {
            reusable = false;
            copyToEnd(splitter);
        }
        splitter.end();
        return status;
    }

    private void readChunked(LineSplitter body) throws IOException {
        while (true) {
            String size = readLine();
            int extension = size.indexOf(';');
            long length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (length == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return;
            }
            copy(length, body);
            readLine();
        }
    }

    private void copy(long length, LineSplitter body) throws IOException {
        for (long left = length; left > 0; left--) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed inside a body");
            }
            body.accept(b);
        }
    }

    private void copyToEnd(LineSplitter body) throws IOException {
        for (int b = in.read(); b >= 0; b = in.read()) {
            body.accept(b);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed inside a response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1 status line: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Cuts a body into lines as its bytes arrive, so a line is seen when its last byte is read. */
    private static final class LineSplitter {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        void accept(int b) {
            if (b == '\n') {
                flushLine();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        void end() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            lines.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
