package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.config.AuthConfig;
import ai.dyad.gateway.host.registry.UserRepository;
import com.mongodb.MongoWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the admin user named by {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD} on start, if no user has that
 * email yet. An existing user is left as it is: the variables create an account, they never reset one.
 */
public final class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {}

    public static void run(AuthConfig.AdminAccount account, UserRepository users, PasswordHasher passwords) {
        if (users.findByEmail(account.email()).isPresent()) {
            return;
        }
        try {
            users.insert(account.email(), passwords.hash(account.password()));
            LOG.info("created admin user {} from ADMIN_EMAIL", account.email());
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != 11000) {
                throw e;
            }
            // Another instance created it at the same moment.
        }
    }
}
