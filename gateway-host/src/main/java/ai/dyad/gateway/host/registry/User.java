package ai.dyad.gateway.host.registry;

import java.time.Instant;

/**
 * An admin user who logs in with email and password to use the admin API.
 *
 * @param email unique, stored lower-cased
 * @param passwordHash a bcrypt hash, never the password
 */
public record User(String id, String email, String passwordHash, boolean enabled, Instant createdAt) {}
