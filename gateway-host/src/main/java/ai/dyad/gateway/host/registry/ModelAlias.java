package ai.dyad.gateway.host.registry;

import java.time.Instant;

/**
 * Another name for a model: a request for {@code alias} is routed as a request for {@code target}.
 *
 * @param alias the name clients may ask for, such as {@code fast}
 * @param target the model id (or a name a provider's wildcard pattern matches) it stands for
 * @param updatedAt when the alias was last set; {@code null} before it is saved
 */
public record ModelAlias(String alias, String target, Instant updatedAt) {}
