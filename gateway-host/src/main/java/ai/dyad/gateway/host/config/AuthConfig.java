package ai.dyad.gateway.host.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admin logins: the JWT signing secret and token lifetimes, and an optional admin user to create at start.
 *
 * @param production {@code GATEWAY_ENV=production}: refuse a missing or weak {@code JWT_SECRET}
 * @param jwtSecret empty in development, where each start makes a random one
 * @param bootstrapAdmin {@code ADMIN_EMAIL} and {@code ADMIN_PASSWORD}, when both are set
 * @param bcryptCost {@code BCRYPT_COST}: the work factor of admin password hashes (each step doubles it)
 */
public record AuthConfig(
        boolean production,
        Optional<String> jwtSecret,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Optional<AdminAccount> bootstrapAdmin,
        int bcryptCost) {

    /** The HS256 key must have at least 256 bits; 32 characters is the floor we accept. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final List<String> DEFAULT_SECRET_MARKERS = List.of(
            "changeme",
            "change-me",
            "change_me",
            "your-secret",
            "your_secret",
            "yoursecret",
            "secret-key",
            "example",
            "default",
            "placeholder");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    /** An admin user to create on start if no user has that email yet. */
    public record AdminAccount(String email, String password) {
        @Override
        public String toString() {
            return "AdminAccount[" + email + ", password hidden]";
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[production=" + production + ", jwtSecret=" + (jwtSecret.isPresent() ? "set" : "generated")
                + ", accessTokenLifetime=" + accessTokenLifetime + ", refreshTokenLifetime=" + refreshTokenLifetime
                + ", bootstrapAdmin=" + bootstrapAdmin + ", bcryptCost=" + bcryptCost + "]";
    }

    static AuthConfig read(ConfigLoader env) {
        String mode = env.text("GATEWAY_ENV", "development").toLowerCase(Locale.ROOT);
        if (!mode.equals("development") && !mode.equals("production")) {
            throw new ConfigException("GATEWAY_ENV must be development or production (got '" + mode + "')");
        }
        boolean production = mode.equals("production");
        Optional<String> secret = Optional.ofNullable(env.text("JWT_SECRET", null));
        if (production) {
            secret.ifPresentOrElse(AuthConfig::requireStrong, () -> {
                throw new ConfigException("JWT_SECRET must be set when GATEWAY_ENV=production (at least "
                        + MIN_SECRET_LENGTH + " random characters, e.g. from 'openssl rand -base64 48')");
            });
        }
        return new AuthConfig(
                production,
                secret,
                Duration.ofMinutes(env.integer("JWT_ACCESS_EXPIRATION_MINUTES", 15, 1, 24 * 60)),
                Duration.ofDays(env.integer("JWT_REFRESH_EXPIRATION_DAYS", 7, 1, 365)),
                bootstrapAdmin(env),
                env.integer("BCRYPT_COST", 12, 10, 15));
    }

    /** Why a secret is weak, or empty when it is fine; the secret itself never appears in the answer. */
    public static Optional<String> weakness(String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_LENGTH) {
            return Optional.of("is shorter than " + MIN_SECRET_LENGTH + " characters");
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (DEFAULT_SECRET_MARKERS.stream().anyMatch(lower::contains)) {
            return Optional.of("looks like a default or example value");
        }
        if (secret.chars().distinct().count() < 10) {
            return Optional.of("has too few distinct characters to be random");
        }
        return Optional.empty();
    }

    private static void requireStrong(String secret) {
        weakness(secret).ifPresent(why -> {
            throw new ConfigException("JWT_SECRET " + why
                    + "; GATEWAY_ENV=production needs at least " + MIN_SECRET_LENGTH
                    + " random characters (e.g. 'openssl rand -base64 48')");
        });
    }

    private static Optional<AdminAccount> bootstrapAdmin(ConfigLoader env) {
        String email = env.text("ADMIN_EMAIL", null);
        String password = env.text("ADMIN_PASSWORD", null);
        if (email == null && password == null) {
            return Optional.empty();
        }
        if (email == null || password == null) {
            throw new ConfigException("ADMIN_EMAIL and ADMIN_PASSWORD must be set together (only one is set)");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new ConfigException("ADMIN_EMAIL must be an email address (got '" + email + "')");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.length() < 12 || bytes > 72) {
            throw new ConfigException("ADMIN_PASSWORD must be 12 to 72 bytes long (got " + bytes + " bytes)");
        }
        return Optional.of(new AdminAccount(email, password));
    }
}
