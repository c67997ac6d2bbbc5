package ai.dyad.gateway.host.registry;

/** A write that would give a second document a name that must be unique. */
public final class DuplicateNameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;

    public DuplicateNameException(String name) {
        super("the name '" + name + "' is already taken");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
