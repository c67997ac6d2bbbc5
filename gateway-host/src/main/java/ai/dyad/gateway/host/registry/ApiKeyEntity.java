package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Id;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.IndexOptions;
import dev.morphia.annotations.Indexes;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import org.bson.types.ObjectId;

/** The stored form of an {@link ApiKey}. */
@Entity(value = "api_keys", useDiscriminator = false)
@Indexes(@Index(fields = @Field("keyHash"), options = @IndexOptions(unique = true)))
class ApiKeyEntity {
    @Id
    ObjectId id;

    String name;
    String prefix;
    String keyHash;
    List<String> permissions = new ArrayList<>();
    boolean enabled;
    Date createdAt;

    static ApiKeyEntity from(ApiKey key) {
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.id = key.id() == null ? null : new ObjectId(key.id());
        entity.name = key.name();
        entity.prefix = key.prefix();
        entity.keyHash = key.keyHash();
        entity.permissions = new ArrayList<>(key.permissions());
        entity.enabled = key.enabled();
        entity.createdAt = key.createdAt() == null ? null : Date.from(key.createdAt());
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
                createdAt == null ? null : createdAt.toInstant());
    }
}
