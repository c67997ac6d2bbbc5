package ai.dyad.gateway.host.registry;

import dev.morphia.Datastore;
import dev.morphia.query.filters.Filters;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.bson.types.ObjectId;

/** Admin users in the store; emails are compared lower-cased. */
public final class UserRepository {

    private final Datastore datastore;
    private final Clock clock;

    UserRepository(Datastore datastore, Clock clock) {
        this.datastore = datastore;
        this.clock = clock;
    }

    public Optional<User> findByEmail(String email) {
        return Optional.ofNullable(datastore
                        .find(UserEntity.class)
                        .filter(Filters.eq("email", normalise(email)))
                        .first())
                .map(UserEntity::toRecord);
    }

    public Optional<User> findById(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(datastore
                        .find(UserEntity.class)
                        .filter(Filters.eq("_id", new ObjectId(id)))
                        .first())
                .map(UserEntity::toRecord);
    }

    public long count() {
        return datastore.find(UserEntity.class).count();
    }

    /**
     * Saves a new enabled user.
     *
     * @throws com.mongodb.MongoWriteException with code 11000 when the email is taken
     */
    public User insert(String email, String passwordHash) {
        UserEntity entity = new UserEntity();
        entity.email = normalise(email);
        entity.passwordHash = passwordHash;
        entity.enabled = true;
        entity.createdAt = Date.from(clock.instant());
        return datastore.save(entity).toRecord();
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
