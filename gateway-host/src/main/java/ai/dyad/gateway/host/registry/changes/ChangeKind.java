package ai.dyad.gateway.host.registry.changes;

/** The kinds of registry data an instance holds in memory and reloads when another instance changes them. */
public enum ChangeKind {
    PROVIDERS("providers"),
    API_KEYS("api-keys"),
    PLUGINS("plugins");

    private final String wireName;

    ChangeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in change notices and in the {@code registry_meta} counters. */
    public String wireName() {
        return wireName;
    }

    static java.util.Optional<ChangeKind> fromWireName(String name) {
        for (ChangeKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
