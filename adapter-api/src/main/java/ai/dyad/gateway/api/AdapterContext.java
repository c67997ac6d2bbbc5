package ai.dyad.gateway.api;

import ai.dyad.gateway.api.config.ProviderSettings;
import java.time.Clock;

/**
 * What the host hands an adapter when it creates one for a provider. Owned by the host; adapters keep it.
 *
 * @param providerId the provider's stable id
 * @param providerName the provider's unique, human-readable name
 * @param settings the provider's configuration, already validated against the factory's config spec, with
 *     secrets resolved
 * @param clock the clock to use for deadlines and timestamps (tests inject a fixed one)
 * @param logger a logger named for the provider; never log prompts or secrets with it
 */
public record AdapterContext(
        String providerId, String providerName, ProviderSettings settings, Clock clock, System.Logger logger) {}
