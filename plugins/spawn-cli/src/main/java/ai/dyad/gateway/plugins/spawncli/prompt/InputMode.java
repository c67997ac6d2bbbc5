package ai.dyad.gateway.plugins.spawncli.prompt;

/** How the prompt reaches the CLI. */
public enum InputMode {
    /** On standard input, then EOF: invisible to other users of the machine. The default. */
    STDIN("stdin"),
    /** As a process argument ({@code {prompt}} in {@code args}): visible to anyone who can list processes. */
    ARG("arg");

    private final String wireName;

    InputMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static InputMode fromWire(String name) {
        for (InputMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown input mode '" + name + "'");
    }
}
