package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Id;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.IndexOptions;
import dev.morphia.annotations.Indexes;
import dev.morphia.annotations.Version;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;

/** The stored form of a {@link Provider}. */
@Entity(value = "providers", useDiscriminator = false)
@Indexes({
    @Index(fields = @Field("name"), options = @IndexOptions(unique = true)),
    @Index(fields = {@Field("type"), @Field("enabled")}),
    @Index(fields = @Field("models.modelId")),
    @Index(fields = @Field("healthStatus.status"))
})
class ProviderEntity {
    @Id
    ObjectId id;

    String name;
    String type;
    boolean enabled;
    Map<String, Object> config = new LinkedHashMap<>();
    List<ProviderModelEntity> models = new ArrayList<>();
    int priority;
    int weight = 1;
    Long timeoutMs;
    HealthStatusEntity healthStatus;
    Date createdAt;
    Date updatedAt;

    @Version
    Long version;

    static ProviderEntity from(Provider provider) {
        ProviderEntity entity = new ProviderEntity();
        entity.id = provider.id() == null ? null : new ObjectId(provider.id());
        entity.name = provider.name();
        entity.type = provider.type();
        entity.enabled = provider.enabled();
        entity.config = new LinkedHashMap<>(provider.config());
        entity.models = new ArrayList<>(
                provider.models().stream().map(ProviderModelEntity::from).toList());
        entity.priority = provider.priority();
        entity.weight = provider.weight();
        entity.timeoutMs = provider.timeoutMs();
        entity.healthStatus = HealthStatusEntity.from(provider.healthStatus());
        entity.createdAt = provider.createdAt() == null ? null : Date.from(provider.createdAt());
        entity.updatedAt = provider.updatedAt() == null ? null : Date.from(provider.updatedAt());
        entity.version = provider.id() == null ? null : provider.version();
        return entity;
    }

    Provider toRecord() {
        return new Provider(
                id.toHexString(),
                name,
                type,
                enabled,
                config,
                models == null
                        ? List.of()
                        : models.stream().map(ProviderModelEntity::toRecord).toList(),
                priority,
                Math.max(1, weight),
                timeoutMs,
                healthStatus == null ? null : healthStatus.toRecord(),
                createdAt == null ? null : createdAt.toInstant(),
                updatedAt == null ? null : updatedAt.toInstant(),
                version == null ? 0 : version);
    }
}
