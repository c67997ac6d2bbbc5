package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 and a short visible prefix.
 *
 * @param prefix the first characters of the key, shown to tell keys apart (such as {@code sk-dyad-AbC1})
 * @param permissions any of {@code chat}, {@code embeddings}, {@code models}, {@code admin}
 * @param allowedModels model ids or {@code *} patterns (such as {@code gpt-*}) the key may use; empty for all
 * @param expiresAt when the key stops working; nullable for never
 * @param rateLimit the key's own limits; nullable to use the gateway's defaults
 * @param userId the admin user the key belongs to; nullable
 * @param lastUsed when the key was last used, written in batches off the request path; nullable
 * @param updatedAt when the key was last changed by an admin; nullable
 */
public record ApiKey(
        String id,
        String name,
        String prefix,
        String keyHash,
        Set<String> permissions,
        boolean enabled,
        Instant createdAt,
        List<String> allowedModels,
        Instant expiresAt,
        ApiKeyRateLimit rateLimit,
        String userId,
        Instant lastUsed,
        Instant updatedAt) {

    public ApiKey {
        permissions = Set.copyOf(permissions);
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }

    /** A key with every model allowed, no expiry, default limits and no owner. */
    public ApiKey(
            String id,
            String name,
            String prefix,
            String keyHash,
            Set<String> permissions,
            boolean enabled,
            Instant createdAt) {
        this(id, name, prefix, keyHash, permissions, enabled, createdAt, List.of(), null, null, null, null, null);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
