package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Id;
import java.util.Date;

/** The stored form of a {@link ModelAlias}; the alias itself is the id, so it is unique. */
@Entity(value = "model_aliases", useDiscriminator = false)
class ModelAliasEntity {
    @Id
    String alias;

    String target;
    Date updatedAt;

    ModelAlias toRecord() {
        return new ModelAlias(alias, target, updatedAt == null ? null : updatedAt.toInstant());
    }
}
