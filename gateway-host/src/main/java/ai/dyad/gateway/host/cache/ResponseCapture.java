package ai.dyad.gateway.host.cache;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Keeps a copy of the response body as the handler writes it (before any compression), up to a limit, so a
 * fresh answer can be stored once it is complete.
 */
final class ResponseCapture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final int limit;
    private volatile boolean tooLarge;
    private volatile boolean finished;

    private ResponseCapture(int limit) {
        this.limit = limit;
    }

    static ResponseCapture attach(HttpServerExchange exchange, int limit) {
        ResponseCapture capture = new ResponseCapture(limit);
        exchange.addResponseWrapper((ConduitFactory<StreamSinkConduit> factory, HttpServerExchange ex) ->
                capture.new Copying(factory.create()));
        return capture;
    }

    /** The whole body, if it was written completely and within the limit. */
    synchronized byte[] body() {
        return finished && !tooLarge ? bytes.toByteArray() : null;
    }

    private synchronized void copy(ByteBuffer source, int from, long count) {
        if (tooLarge || count <= 0) {
            return;
        }
        if (bytes.size() + count > limit) {
            tooLarge = true;
            return;
        }
        ByteBuffer view = source.duplicate();
        view.position(from).limit(from + (int) count);
        byte[] chunk = new byte[(int) count];
        view.get(chunk);
        bytes.write(chunk, 0, chunk.length);
    }

    private void copy(ByteBuffer[] sources, int[] positions, int offset, int length, long written) {
        long left = written;
        for (int i = offset; i < offset + length && left > 0; i++) {
            int taken = (int) Math.min(left, sources[i].position() - positions[i - offset]);
            copy(sources[i], positions[i - offset], taken);
            left -= taken;
        }
    }

    private final class Copying extends AbstractStreamSinkConduit<StreamSinkConduit> {

        Copying(StreamSinkConduit next) {
            super(next);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int from = src.position();
            int written = super.write(src);
            copy(src, from, written);
            return written;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
            int[] positions = positions(srcs, offs, len);
            long written = super.write(srcs, offs, len);
            copy(srcs, positions, offs, len, written);
            return written;
        }

        @Override
        public int writeFinal(ByteBuffer src) throws IOException {
            int from = src.position();
            int written = super.writeFinal(src);
            copy(src, from, written);
            finished = !src.hasRemaining();
            return written;
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
            int[] positions = positions(srcs, offs, len);
            long written = super.writeFinal(srcs, offs, len);
            copy(srcs, positions, offs, len, written);
            boolean all = true;
            for (int i = offs; i < offs + len; i++) {
                all &= !srcs[i].hasRemaining();
            }
            finished = all;
            return written;
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) throws IOException {
            tooLarge = true; // not copied: such a body is not cached
            return super.transferFrom(src, position, count);
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
            tooLarge = true;
            return super.transferFrom(source, count, throughBuffer);
        }

        @Override
        public void terminateWrites() throws IOException {
            finished = true;
            super.terminateWrites();
        }

        private static int[] positions(ByteBuffer[] srcs, int offs, int len) {
            int[] positions = new int[len];
            for (int i = 0; i < len; i++) {
                positions[i] = srcs[offs + i].position();
            }
            return positions;
        }
    }
}
