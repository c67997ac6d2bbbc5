package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 and a short visible prefix.
 *
 * @param prefix the first characters of the key, shown to tell keys apart (such as {@code sk-dyad-AbC1})
 * @param permissions any of {@code chat}, {@code embeddings}, {@code models}, {@code admin}
 */
public record ApiKey(
        String id,
        String name,
        String prefix,
        String keyHash,
        Set<String> permissions,
        boolean enabled,
        Instant createdAt) {

    public ApiKey {
        permissions = Set.copyOf(permissions);
    }
}
