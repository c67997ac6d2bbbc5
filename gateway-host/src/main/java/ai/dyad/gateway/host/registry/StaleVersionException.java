package ai.dyad.gateway.host.registry;

/** A write based on a version of a document that someone else has changed (or deleted) since. */
public final class StaleVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleVersionException(String message) {
        super(message);
    }
}
