package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import dev.morphia.DeleteOptions;
import dev.morphia.query.filters.Filters;
import dev.morphia.query.updates.UpdateOperators;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Issued refresh tokens. A token is usable while its record exists, is unrevoked and unexpired; revoking is
 * one conditional update, so two refreshes racing with the same token cannot both succeed.
 */
public final class RefreshTokenRepository {

    private final Datastore datastore;
    private final Clock clock;

    RefreshTokenRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public void insert(String tokenIdHash, String userId, Instant expiresAt) {
        RefreshTokenEntity entity = new RefreshTokenEntity();
        entity.tokenIdHash = tokenIdHash;
        entity.userId = userId;
        entity.expiresAt = Date.from(expiresAt);
        entity.createdAt = Date.from(clock.instant());
        datastore.save(entity);
    }

    /**
     * Revokes the token if it is still usable; true only for the one caller that revoked it.
     *
     * @param userId the user the token must belong to
     */
    public boolean revokeIfActive(String tokenIdHash, String userId) {
        Date now = Date.from(clock.instant());
        return datastore
                        .find(RefreshTokenEntity.class)
                        .filter(
                                Filters.eq("tokenIdHash", tokenIdHash),
                                Filters.eq("userId", userId),
                                Filters.eq("revokedAt", null),
                                Filters.gt("expiresAt", now))
                        .update(UpdateOperators.set("revokedAt", now))
                        .execute()
                        .getModifiedCount()
                == 1;
    }

    /** Whether a token with this id was issued and later revoked (a replayed, rotated-out token). */
    public boolean wasRevoked(String tokenIdHash) {
        return datastore
                        .find(RefreshTokenEntity.class)
                        .filter(Filters.eq("tokenIdHash", tokenIdHash), Filters.ne("revokedAt", null))
                        .count()
                > 0;
    }

    /** Revokes every active refresh token of a user; returns how many. */
    public long revokeAll(String userId) {
        return datastore
                .find(RefreshTokenEntity.class)
                .filter(Filters.eq("userId", userId), Filters.eq("revokedAt", null))
                .update(UpdateOperators.set("revokedAt", Date.from(clock.instant())))
                .execute(new dev.morphia.UpdateOptions().multi(true))
                .getModifiedCount();
    }

    /** Removes records past their expiry (the TTL index does this itself on a real MongoDB). */
    public long deleteExpired(Instant now) {
        return datastore
                .find(RefreshTokenEntity.class)
                .filter(Filters.lt("expiresAt", Date.from(now)))
                .delete(new DeleteOptions().multi(true))
                .getDeletedCount();
    }
}
