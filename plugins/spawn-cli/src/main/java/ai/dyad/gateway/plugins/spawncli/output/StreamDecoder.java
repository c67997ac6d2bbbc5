package ai.dyad.gateway.plugins.spawncli.output;

/**
 * Turns a CLI's stdout bytes, as they arrive, into {@link OutputListener} events. A read may end anywhere: in the
 * middle of a line or of a multi-byte UTF-8 character, so implementations keep the unfinished rest for the next
 * call. Not thread-safe: one reader thread feeds it.
 */
public interface StreamDecoder {

    void feed(byte[] bytes, int offset, int length);

    /**
     * Ends the stream.
     *
     * @param truncated whether the output was cut short on purpose (at {@code maxOutputBytes}): an unfinished
     *     trailing piece is then dropped rather than read as if it were complete
     */
    void end(boolean truncated);
}
