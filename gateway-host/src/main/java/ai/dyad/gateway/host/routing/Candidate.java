package ai.dyad.gateway.host.routing;

/**
 * One provider that may answer a request, with the model name its backend expects.
 *
 * @param adapterModelId the model id to send to the adapter (for a wildcard route, derived from the request)
 */
public record Candidate(LiveProvider provider, String adapterModelId) {

    public String providerName() {
        return provider.provider().name();
    }
}
