package ai.dyad.gateway.plugins.spawncli.run;

/** Why the adapter ended a run before the CLI ended it by itself. The first reason given wins. */
public enum StopReason {
    /** The run outlived its timeout. */
    TIMEOUT,
    /** The host cancelled the call (client gone, deadline passed). */
    CANCELLED,
    /** The sink refused a chunk: nobody is reading any more. */
    CLIENT_GONE,
    /** Stdout passed {@code maxOutputBytes}. */
    LENGTH,
    /** Stdout could not be read or decoded. */
    OUTPUT_FAILED,
    /** The adapter is closing (provider changed or plugin stopping). */
    CLOSED
}
