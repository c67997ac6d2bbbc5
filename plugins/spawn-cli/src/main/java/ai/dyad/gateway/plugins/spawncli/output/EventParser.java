package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.plugins.spawncli.output.json.JsonObject;

/** Reads one CLI's JSON events, in order, into {@link OutputListener} calls. One instance per call. */
interface EventParser {

    void event(JsonObject event);

    /** The output ended (the CLI exited or was stopped). */
    default void end() {}
}
