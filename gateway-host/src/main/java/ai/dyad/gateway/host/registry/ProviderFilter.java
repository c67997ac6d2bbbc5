package ai.dyad.gateway.host.registry;

/**
 * Which providers a listing includes; each {@code null} criterion matches everything.
 *
 * @param model a model id the provider must serve
 */
public record ProviderFilter(String type, Boolean enabled, String model) {

    public static ProviderFilter all() {
        return new ProviderFilter(null, null, null);
    }
}
