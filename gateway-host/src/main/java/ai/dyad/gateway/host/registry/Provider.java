package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A configured provider: an instance of an adapter type with its config and the models it serves.
 *
 * @param id the stable id; {@code null} before the provider is first saved
 * @param config the raw config, secrets included: never put it in a response or a log line as it is
 */
public record Provider(
        String id,
        String name,
        String type,
        boolean enabled,
        Map<String, Object> config,
        List<ProviderModel> models,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Provider {
        config = config == null ? Map.of() : Map.copyOf(config);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A new, unsaved, enabled provider. */
    public static Provider create(String name, String type, Map<String, Object> config, List<ProviderModel> models) {
        return new Provider(null, name, type, true, config, models, null, null, 0);
    }
}
