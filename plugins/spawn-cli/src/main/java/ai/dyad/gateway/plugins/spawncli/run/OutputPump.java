package ai.dyad.gateway.plugins.spawncli.run;

import ai.dyad.gateway.plugins.spawncli.output.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a CLI's stdout as it is written and feeds every read to the decoder at once, up to a byte budget. Runs on
 * its own thread so that the call's thread can end the call even while a read is blocked (a background process the
 * CLI started may hold the pipe open after the CLI exited).
 */
final class OutputPump implements Runnable {

    private static final int BUFFER_BYTES = 8192;

    private final InputStream stdout;
    private final StreamDecoder decoder;
    private final long maxBytes;
    private final BooleanSupplier clientGone;
    private final Consumer<StopReason> stop;
    private volatile String error;
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param stop asks the run to stop (at the byte limit, when the client left, on an unreadable stream)
     */
    OutputPump(
            InputStream stdout,
            StreamDecoder decoder,
            long maxBytes,
            BooleanSupplier clientGone,
            Consumer<StopReason> stop) {
        this.stdout = stdout;
        this.decoder = decoder;
        this.maxBytes = maxBytes;
        this.clientGone = clientGone;
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            pumpToTheEnd();
        } finally {
            ended.countDown();
        }
    }

    private void pumpToTheEnd() {
        boolean cutShort = false;
        try (stdout) {
            cutShort = pump();
        } catch (IOException e) {
            // A read fails like this when the run was stopped under it; otherwise it is worth telling.
            error = "reading stdout failed: " + e.getMessage();
            cutShort = true;
            stop.accept(StopReason.OUTPUT_FAILED);
        } catch (RuntimeException e) {
            error = "decoding stdout failed: " + e;
            cutShort = true;
            stop.accept(StopReason.OUTPUT_FAILED);
        }
        try {
            decoder.end(cutShort);
        } catch (RuntimeException e) {
            error = "decoding stdout failed: " + e;
            stop.accept(StopReason.OUTPUT_FAILED);
        }
    }

    /** Reads to the end; whether the output was cut short. */
    private boolean pump() throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        int read;
        while ((read = stdout.read(buffer)) != -1) {
            long room = maxBytes - total;
            if (read > room) {
                decoder.feed(buffer, 0, (int) room);
                stop.accept(StopReason.LENGTH);
                return true;
            }
            total += read;
            decoder.feed(buffer, 0, read);
            if (clientGone.getAsBoolean()) {
                stop.accept(StopReason.CLIENT_GONE);
                return true;
            }
        }
        return false;
    }

    /** Waits up to {@code wait} for the pump to finish (the decoder ended); whether it did (false when interrupted). */
    boolean awaitEnd(Duration wait) {
        try {
            return ended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What went wrong reading or decoding; nullable. */
    String error() {
        return error;
    }
}
