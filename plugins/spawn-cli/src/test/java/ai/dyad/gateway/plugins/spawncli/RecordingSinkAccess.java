package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.ChatSink;

/** Lets tests in sub-packages use the package-private {@link RecordingSink}. */
public final class RecordingSinkAccess {

    private RecordingSinkAccess() {}

    public static ChatSink newSink() {
        return new RecordingSink();
    }
}
