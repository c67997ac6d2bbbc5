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

    private final int cost;
    // Verified when the email is unknown, so a wrong email takes as long as a wrong password.
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = hash("decoy password for unknown accounts");
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

    private static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
