package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Id;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.IndexOptions;
import dev.morphia.annotations.Indexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * The stored form of an {@link ApiKey}. The TTL index lets a real MongoDB delete expired keys itself; the
 * embedded store records it without applying it, so {@code ApiKeyRepository.deleteExpired} runs as well.
 */
@Entity(value = "api_keys", useDiscriminator = false)
@Indexes({
    @Index(fields = @Field("keyHash"), options = @IndexOptions(unique = true)),
    @Index(fields = {@Field("userId"), @Field("enabled")}),
    @Index(fields = @Field("expiresAt"), options = @IndexOptions(expireAfterSeconds = 0))
})
class ApiKeyEntity {
    @Id
    ObjectId id;

    String name;
    String prefix;
    String keyHash;
    List<String> permissions = new ArrayList<>();
    boolean enabled;
    Date createdAt;
    List<String> allowedModels = new ArrayList<>();
    Date expiresAt;
    // Flat rather than embedded: two optional numbers read more plainly in the document.
    Integer requestsPerMinute;
    Integer tokensPerMinute;
    String userId;
    Date lastUsed;
    Date updatedAt;

    static ApiKeyEntity from(ApiKey key) {
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.id = key.id() == null ? null : new ObjectId(key.id());
        entity.name = key.name();
        entity.prefix = key.prefix();
        entity.keyHash = key.keyHash();
        entity.permissions = new ArrayList<>(key.permissions());
        entity.enabled = key.enabled();
        entity.createdAt = date(key.createdAt());
        entity.allowedModels = new ArrayList<>(key.allowedModels());
        entity.expiresAt = date(key.expiresAt());
        if (key.rateLimit() != null) {
            entity.requestsPerMinute = key.rateLimit().requestsPerMinute();
            entity.tokensPerMinute = key.rateLimit().tokensPerMinute();
        }
        entity.userId = key.userId();
        entity.lastUsed = date(key.lastUsed());
        entity.updatedAt = date(key.updatedAt());
        return entity;
    }

    ApiKey toRecord() {
        return new ApiKey(
                id.toHexString(),
                name,
                prefix,
                keyHash,
                new HashSet<>(permissions),
                enabled,
                instant(createdAt),
                allowedModels == null ? List.of() : allowedModels,
                instant(expiresAt),
                ApiKeyRateLimit.of(requestsPerMinute, tokensPerMinute),
                userId,
                instant(lastUsed),
                instant(updatedAt));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
