package ai.dyad.gateway.host.providers;

import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.Page;
import ai.dyad.gateway.host.registry.PageRequest;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderFilter;
import ai.dyad.gateway.host.registry.ProviderRepository;
import ai.dyad.gateway.host.registry.StaleVersionException;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import ai.dyad.gateway.host.registry.changes.RegistryChanges;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.UnreadableSecretException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;

/**
 * What an admin can do with providers: every write is validated against the installed adapter types,
 * stored with its secrets encrypted, checked against the version the admin read, and announced so that
 * routing (here and on every other instance) picks it up.
 */
public final class ProviderService {

    private static final int ENABLE_ATTEMPTS = 3;

    private final ProviderRepository repository;
    private final ProviderValidator validator;
    private final PluginHost plugins;
    private final ConfigSecrets secrets;
    private final RegistryChanges changes;

    public ProviderService(
            ProviderRepository repository, PluginHost plugins, ConfigSecrets secrets, RegistryChanges changes) {
        this.repository = repository;
        this.validator = new ProviderValidator(plugins);
        this.plugins = plugins;
        this.secrets = secrets;
        this.changes = changes;
    }

    public Provider find(String id) {
        return repository.findById(id).orElseThrow(() -> new ProviderNotFoundException(id));
    }

    public Page<Provider> page(ProviderFilter filter, PageRequest request) {
        return repository.page(filter, request);
    }

    /** The provider's config as admins see it: secrets masked. */
    public Map<String, Object> maskedConfig(Provider provider) {
        return secrets.mask(provider.id(), provider.config(), secretFields(provider.type()));
    }

    public Provider create(ProviderDraft draft) {
        Set<String> secretKeys = validator.factory(draft.type()).configSpec().secretFields();
        validator.check(draft, secretKeys);
        // The id is chosen before the first save: each secret is encrypted bound to its provider's id.
        String id = new ObjectId().toHexString();
        Map<String, Object> sealed = secrets.seal(id, draft.config(), secretKeys);
        Provider saved = repository.insert(new Provider(
                id,
                draft.name(),
                draft.type(),
                draft.enabled(),
                sealed,
                draft.models(),
                draft.priority(),
                draft.weight(),
                draft.timeoutMs(),
                null,
                null,
                null,
                0));
        changes.publish(ChangeKind.PROVIDERS);
        return saved;
    }

    /**
     * Replaces every admin-settable field of a provider. Secrets sent back masked, exactly as the API showed
     * them, keep their stored values.
     *
     * @param expectedVersion the version the admin based the change on; {@code null} for the current one
     * @throws StaleVersionException when the provider has changed since that version
     */
    public Provider replace(String id, ProviderDraft draft, Long expectedVersion) {
        Provider current = find(id);
        long version = expectedVersion == null ? current.version() : expectedVersion;
        if (version != current.version()) {
            throw stale(id, version);
        }
        Set<String> secretKeys = protectedKeys(draft.type(), current);
        Map<String, Object> config =
                ConfigSecrets.keepUnchanged(draft.config(), readableClearConfig(current), secretKeys);
        ProviderDraft resolved = new ProviderDraft(
                draft.name(),
                draft.type(),
                draft.enabled(),
                config,
                draft.models(),
                draft.priority(),
                draft.weight(),
                draft.timeoutMs());
        validator.check(resolved, secretKeys);
        Provider saved = repository.replace(new Provider(
                id,
                resolved.name(),
                resolved.type(),
                resolved.enabled(),
                secrets.seal(id, resolved.config(), secretKeys),
                resolved.models(),
                resolved.priority(),
                resolved.weight(),
                resolved.timeoutMs(),
                current.healthStatus(),
                current.createdAt(),
                null,
                version));
        changes.publish(ChangeKind.PROVIDERS);
        return saved;
    }

    /** Turns a provider on or off; a no-op when it already is. Retries if an edit races with it. */
    public Provider setEnabled(String id, boolean enabled) {
        for (int attempt = 1; ; attempt++) {
            Provider current = find(id);
            if (current.enabled() == enabled) {
                return current;
            }
            try {
                Provider saved = repository.replace(new Provider(
                        id,
                        current.name(),
                        current.type(),
                        enabled,
                        current.config(),
                        current.models(),
                        current.priority(),
                        current.weight(),
                        current.timeoutMs(),
                        current.healthStatus(),
                        current.createdAt(),
                        null,
                        current.version()));
                changes.publish(ChangeKind.PROVIDERS);
                return saved;
            } catch (StaleVersionException e) {
                if (attempt == ENABLE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes a provider; with {@code expectedVersion}, only if nobody changed it since.
     *
     * @throws ProviderNotFoundException when there is no such provider
     * @throws StaleVersionException when it exists at another version
     */
    public void delete(String id, Long expectedVersion) {
        if (!repository.delete(id, expectedVersion)) {
            Provider current = find(id);
            throw stale(id, expectedVersion == null ? current.version() : expectedVersion);
        }
        changes.publish(ChangeKind.PROVIDERS);
    }

    /** The config keys that hold secrets: those the type's spec marks secret, and any stored encrypted. */
    private Set<String> protectedKeys(String type, Provider current) {
        Set<String> keys = new HashSet<>(validator.factory(type).configSpec().secretFields());
        current.config().forEach((key, value) -> {
            if (SecretCipher.isSealed(value)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** The current clear config; without the keys to read it, nothing sent masked can be kept. */
    private Map<String, Object> readableClearConfig(Provider current) {
        try {
            return secrets.reveal(current.id(), current.config());
        } catch (UnreadableSecretException e) {
            return Map.of();
        }
    }

    private Set<String> secretFields(String type) {
        return plugins.adapterType(type).map(f -> f.configSpec().secretFields()).orElse(Set.of());
    }

    private static StaleVersionException stale(String id, long version) {
        return new StaleVersionException(
                "provider " + id + " has changed since version " + version + "; read it again and reapply your change");
    }
}
