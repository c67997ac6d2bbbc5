package ai.dyad.gateway.host.calls;

import ai.dyad.gateway.api.chat.Usage;

/**
 * How a call ended and what it used.
 *
 * @param model the model id as the client named it
 * @param usage the tokens used: the provider's count, else an estimate; zero when nothing was generated
 */
public record CallOutcome(String model, Kind kind, Usage usage) {

    public enum Kind {
        COMPLETED,
        FAILED,
        /** The client went away before the end. */
        CANCELLED,
        TIMED_OUT,
        /** A {@link CallObserver} refused the call before it started: the provider was never called. */
        REFUSED
    }
}
