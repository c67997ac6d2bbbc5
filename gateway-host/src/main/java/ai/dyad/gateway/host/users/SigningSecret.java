package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.config.AuthConfig;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JWT signing secret: {@code JWT_SECRET} when set (production refuses a weak one at config time), else
 * in development a random secret for this run only, with a warning.
 */
public final class SigningSecret {

    private static final Logger LOG = LoggerFactory.getLogger(SigningSecret.class);

    private SigningSecret() {}

    public static String of(AuthConfig auth) {
        if (auth.jwtSecret().isPresent()) {
            AuthConfig.weakness(auth.jwtSecret().get())
                    .ifPresent(why -> LOG.warn(
                            "JWT_SECRET {}; accepted in development, refused with GATEWAY_ENV=production", why));
            return auth.jwtSecret().get();
        }
        LOG.warn("JWT_SECRET is not set: admin tokens are signed with a random secret for this run only; they stop"
                + " working at restart and are not shared between instances. Set JWT_SECRET (and"
                + " GATEWAY_ENV=production) for a real deployment");
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
