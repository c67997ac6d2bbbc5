package ai.dyad.gateway.host.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt for admin passwords: deliberately slow (cost 12 by default, a few hundred milliseconds), because passwords
 * are guessable in a way 256-bit API keys are not. Passwords over bcrypt's 72-byte input limit are refused
 * rather than silently cut.
 */
public final class PasswordHasher {

    public static final int MAX_BYTES = 72;

    /**
     * A salt and hash in bcrypt's encoding (taken from a cost-4 hash of a throwaway password). Under the configured
     * cost it is the hash of no known password, and checking a password against it costs what a real check costs.
     */
    private static final String DECOY_SALT_AND_HASH = "ofF/XOf0qUUKXFKaQwPDSOAgroC1d41qr7CAugenwZBJTmiluD7sy";

    private final int cost;
    // Verified when the email is unknown, so a wrong email takes as long as a wrong password. Not computed
    // here: hashing one at start took a second of the start-up's time.
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = String.format("$2a$%02d$%s", cost, DECOY_SALT_AND_HASH);
    }

    public String hash(String password) {
        if (!fits(password)) {
            throw new IllegalArgumentException("password longer than " + MAX_BYTES + " bytes");
        }
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** Whether the password matches; constant-time in the hash comparison. */
    public boolean matches(String password, String hash) {
        if (!fits(password)) {
            BCrypt.verifyer().verify(new char[0], decoy);
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Spends the same time as a real check, for a login to an unknown account. */
    public void burnEquivalentTime(String password) {
        matches(fits(password) ? password : "", decoy);
    }

    /** The hash that unknown accounts are checked against; for tests. */
    String decoy() {
        return decoy;
    }

    private static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
