package ai.dyad.gateway.api.chat;

import java.util.Locale;

/** Why the model stopped, as OpenAI names it. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
