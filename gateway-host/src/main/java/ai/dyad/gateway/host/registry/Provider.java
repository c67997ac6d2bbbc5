package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A configured provider: an instance of an adapter type with its config and the models it serves.
 *
 * @param id the stable id; {@code null} before the provider is first saved
 * @param config the raw config, secrets included: never put it in a response or a log line as it is
 * @param priority lower is preferred; providers of equal priority share traffic by weight
 * @param weight the share of traffic among providers of equal priority, at least 1
 * @param timeoutMs the call deadline for this provider; nullable for the gateway default
 */
public record Provider(
        String id,
        String name,
        String type,
        boolean enabled,
        Map<String, Object> config,
        List<ProviderModel> models,
        int priority,
        int weight,
        Long timeoutMs,
        HealthStatus healthStatus,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Provider {
        config = config == null ? Map.of() : Map.copyOf(config);
        models = models == null ? List.of() : List.copyOf(models);
        healthStatus = healthStatus == null ? HealthStatus.unknown() : healthStatus;
    }

    /** A new, unsaved, enabled provider. */
    public static Provider create(String name, String type, Map<String, Object> config, List<ProviderModel> models) {
        return new Provider(null, name, type, true, config, models, 0, 1, null, null, null, null, 0);
    }
}
