package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;
import dev.morphia.annotations.Field;
import dev.morphia.annotations.Id;
import dev.morphia.annotations.Index;
import dev.morphia.annotations.IndexOptions;
import dev.morphia.annotations.Indexes;
import java.util.Date;
import org.bson.types.ObjectId;

/** One issued refresh token, by the SHA-256 of its id, so it can be revoked (logout, rotation). */
@Entity(value = "refresh_tokens", useDiscriminator = false)
@Indexes({
    @Index(fields = @Field("tokenIdHash"), options = @IndexOptions(unique = true)),
    @Index(fields = @Field("userId")),
    @Index(fields = @Field("expiresAt"), options = @IndexOptions(expireAfterSeconds = 0))
})
class RefreshTokenEntity {
    @Id
    ObjectId id;

    String tokenIdHash;
    String userId;
    Date expiresAt;
    Date revokedAt;
    Date createdAt;
}
