package ai.dyad.gateway.host.providers;

/** No provider has the id asked for. */
public final class ProviderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String id) {
        super("no provider has the id '" + id + "'");
    }
}
