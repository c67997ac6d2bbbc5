package ai.dyad.gateway.api.chat;

import java.util.Locale;
import java.util.Optional;

/** The author of a chat message, as OpenAI names it. */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL,
    /** The legacy role of a function result; kept so old clients work. */
    FUNCTION;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a wire name, if it is one. */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Whether the message carries instructions rather than conversation ({@code system} or {@code developer}). */
    public boolean isInstruction() {
        return this == SYSTEM || this == DEVELOPER;
    }
}
