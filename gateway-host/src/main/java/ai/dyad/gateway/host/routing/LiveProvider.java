package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.registry.Provider;
import java.util.Optional;

/**
 * A provider with its running adapter, or the reason it has none (its plugin is missing, its config is
 * invalid).
 */
public record LiveProvider(Provider provider, ModelAdapter adapter, String problem) {

    public Optional<ModelAdapter> adapterIfReady() {
        return Optional.ofNullable(adapter);
    }
}
