package ai.dyad.gateway.host.calls;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import java.time.Duration;

/**
 * How a provider call ended.
 *
 * @param usage the tokens of a completed answer (reported by the adapter or estimated); null otherwise
 * @param error the adapter's error kind when it failed; {@link ErrorKind#TIMEOUT} when the deadline passed
 * @param timeToFirstChunk null when no chunk was written
 */
public record CallResult(Outcome outcome, Usage usage, ErrorKind error, Duration duration, Duration timeToFirstChunk) {

    /** How the call ended. */
    public enum Outcome {
        COMPLETED,
        FAILED,
        TIMED_OUT,
        /** The client went away. */
        CANCELLED
    }
}
