package ai.dyad.gateway.host.auth;

import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.ApiKeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every API key by hash, in memory, so authenticating a request reads no database. */
public final class ApiKeyCache {

    private final ApiKeyRepository repository;
    private volatile Map<String, ApiKey> byHash = Map.of();

    public ApiKeyCache(ApiKeyRepository repository) {
        this.repository = repository;
    }

    /** Re-reads all keys from the store and swaps the new map in at once. */
    public void reload() {
        byHash = repository.findAll().stream()
                .collect(Collectors.toUnmodifiableMap(ApiKey::keyHash, Function.identity()));
    }

    /** The key whose secret is {@code secret}, if any. */
    public Optional<ApiKey> find(String secret) {
        String hash = ApiKeySecrets.hash(secret);
        ApiKey key = byHash.get(hash);
        // The map lookup already matched; the constant-time compare keeps the check explicit and cheap.
        if (key == null
                || !MessageDigest.isEqual(
                        key.keyHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** How many keys are cached. */
    public int size() {
        return byHash.size();
    }
}
