package ai.dyad.gateway.host.auth;

import java.util.Locale;

/** What an API key may do. */
public enum Permission {
    CHAT,
    EMBEDDINGS,
    MODELS,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
