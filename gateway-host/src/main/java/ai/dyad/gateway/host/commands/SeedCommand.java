package ai.dyad.gateway.host.commands;

import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.plugins.StoredPluginStates;
import ai.dyad.gateway.host.providers.ProviderDraft;
import ai.dyad.gateway.host.providers.ProviderService;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import ai.dyad.gateway.host.registry.changes.RegistryChanges;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.SecretKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code seed}: sample providers that work offline (those whose adapter type is installed and whose name is
 * free), and a new admin API key, printed once. Providers go through the same validation and encryption as
 * the admin API; running gateways pick them up on their next registry poll.
 */
final class SeedCommand {

    /** Samples built on the spawn-cli adapter and programs every Unix has, so they answer with no account. */
    static final List<ProviderDraft> SAMPLES = List.of(
            new ProviderDraft(
                    "demo",
                    "spawn-cli",
                    true,
                    Map.of("command", "cat"),
                    List.of(ProviderModel.named("echo")),
                    0,
                    1,
                    null),
            new ProviderDraft(
                    "shout",
                    "spawn-cli",
                    true,
                    Map.of("command", "tr", "args", List.of("a-z", "A-Z")),
                    List.of(ProviderModel.named("shout")),
                    0,
                    1,
                    null));

    private final Store store;
    private final GatewayConfig config;
    private final PrintStream out;

    SeedCommand(Store store, GatewayConfig config, PrintStream out) {
        this.store = store;
        this.config = config;
        this.out = out;
    }

    int run(String where) {
        out.println("Seeding " + where);
        store.migrations().applyPending();
        String key;
        try (PluginHost plugins =
                        PluginHost.start(config.pluginsDir(), new StoredPluginStates(store.pluginStates()), false);
                RegistryChanges changes =
                        new RegistryChanges(store.changeCounters(), Optional.empty(), config.registryRefresh())) {
            ConfigSecrets secrets = new ConfigSecrets(new SecretCipher(SecretKeys.load(config)), new ObjectMapper());
            ProviderService providers = new ProviderService(store.providers(), plugins, secrets, changes);
            for (ProviderDraft sample : SAMPLES) {
                String models =
                        sample.models().stream().map(ProviderModel::modelId).collect(Collectors.joining(", "));
                if (plugins.adapterType(sample.type()).isEmpty()) {
                    out.println("  skipped provider " + sample.name() + ": adapter type " + sample.type()
                            + " is not installed");
                } else if (store.providers().findByName(sample.name()).isPresent()) {
                    out.println("  kept provider " + sample.name() + " (a provider of that name exists)");
                } else {
                    providers.create(sample);
                    out.println("  created provider " + sample.name() + " (" + sample.type() + ") serving " + models);
                }
            }
            key = createAdminKey();
            // Keys are held in every gateway's memory; running ones reload them on their next poll.
            changes.publish(ChangeKind.API_KEYS);
        }
        out.println("  admin users: not part of this build (they come with the users feature); use the key below");
        out.println();
        out.println("  Created an admin API key. It is shown only this once:");
        out.println();
        out.println("      " + key);
        out.println();
        return DatabaseCommands.OK;
    }

    private String createAdminKey() {
        ApiKeySecrets keys = new ApiKeySecrets(config.apiKeyPrefix());
        String secret = keys.newSecret();
        store.apiKeys().insert(keys.adminKey("admin (seed)", secret));
        return secret;
    }
}
