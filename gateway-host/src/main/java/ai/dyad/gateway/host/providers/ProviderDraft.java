package ai.dyad.gateway.host.providers;

import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider as an admin asks for it: every field an admin may set, with defaults already applied, the
 * config as sent (secrets in clear, or masked to mean "unchanged"). Not yet validated against the type.
 *
 * @param config the adapter config; a key set to {@code null} counts as absent
 * @param timeoutMs nullable for the gateway default
 */
public record ProviderDraft(
        String name,
        String type,
        boolean enabled,
        Map<String, Object> config,
        List<ProviderModel> models,
        int priority,
        int weight,
        Long timeoutMs) {

    public ProviderDraft {
        Map<String, Object> present = new LinkedHashMap<>();
        if (config != null) {
            config.forEach((key, value) -> {
                if (value != null) {
                    present.put(key, value);
                }
            });
        }
        config = Collections.unmodifiableMap(present);
        models = models == null ? List.of() : List.copyOf(models);
    }
}
