package ai.dyad.gateway.host.providers;

import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderRepository;
import ai.dyad.gateway.host.registry.StaleVersionException;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.UnreadableSecretException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings every stored provider secret under the current key: encrypts secrets stored in clear (written
 * before encryption, or by hand) and re-encrypts those under a previous key after a rotation. Safe to run
 * while gateways serve: each rewrite is checked against the version it read.
 */
public final class ProviderSecretsSweep {

    /**
     * What a sweep did.
     *
     * @param resealed names of the providers whose config was rewritten
     * @param problems one line per provider that could not be brought up to date, and why
     */
    public record Result(List<String> resealed, List<String> problems) {}

    private final ProviderRepository repository;
    private final PluginHost plugins;
    private final ConfigSecrets secrets;

    public ProviderSecretsSweep(ProviderRepository repository, PluginHost plugins, ConfigSecrets secrets) {
        this.repository = repository;
        this.plugins = plugins;
        this.secrets = secrets;
    }

    public Result run() {
        List<String> resealed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Provider provider : repository.findAll()) {
            Set<String> secretKeys = secretKeys(provider);
            if (!secrets.needsSealing(provider.config(), secretKeys)) {
                continue;
            }
            try {
                Map<String, Object> sealed = secrets.seal(provider.id(), provider.config(), secretKeys);
                repository.replace(new Provider(
                        provider.id(),
                        provider.name(),
                        provider.type(),
                        provider.enabled(),
                        sealed,
                        provider.models(),
                        provider.priority(),
                        provider.weight(),
                        provider.timeoutMs(),
                        provider.healthStatus(),
                        provider.createdAt(),
                        null,
                        provider.version()));
                resealed.add(provider.name());
            } catch (UnreadableSecretException e) {
                problems.add(provider.name() + ": " + e.getMessage());
            } catch (StaleVersionException e) {
                problems.add(provider.name() + ": changed while being re-encrypted; run migrate again");
            }
        }
        return new Result(resealed, problems);
    }

    /** The spec's secret keys when the type is installed; without it, only values already encrypted are known. */
    private Set<String> secretKeys(Provider provider) {
        Set<String> keys = new HashSet<>(plugins.adapterType(provider.type())
                .map(factory -> factory.configSpec().secretFields())
                .orElse(Set.of()));
        provider.config().forEach((key, value) -> {
            if (SecretCipher.isSealed(value)) {
                keys.add(key);
            }
        });
        return keys;
    }
}
