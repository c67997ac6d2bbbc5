package ai.dyad.gateway.host.admin;

/**
 * Who is calling the admin API: a logged-in admin user (JWT) or an API key with the {@code admin}
 * permission.
 *
 * @param id the user id or the key id
 */
public record AdminPrincipal(Kind kind, String id) {

    public enum Kind {
        USER,
        API_KEY
    }

    /** The admin user's id, or null when an API key is calling. */
    public String userIdOrNull() {
        return kind == Kind.USER ? id : null;
    }
}
