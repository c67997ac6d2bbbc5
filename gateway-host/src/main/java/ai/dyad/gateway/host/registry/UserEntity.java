package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Id;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.IndexOptions;
import dev.morphia.annotations.Indexes;
import java.util.Date;
import org.bson.types.ObjectId;

/** The stored form of a {@link User}. */
@Entity(value = "users", useDiscriminator = false)
@Indexes(@Index(fields = @Field("email"), options = @IndexOptions(unique = true)))
class UserEntity {
    @Id
    ObjectId id;

    String email;
    String passwordHash;
    boolean enabled;
    Date createdAt;

    User toRecord() {
        return new User(
                id.toHexString(), email, passwordHash, enabled, createdAt == null ? null : createdAt.toInstant());
    }
}
