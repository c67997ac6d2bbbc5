package ai.dyad.gateway.host.commands;

import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.plugins.StoredPluginStates;
import ai.dyad.gateway.host.providers.ProviderSecretsSweep;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.SecretKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code migrate}: applies the schema migrations not yet recorded, then brings every provider secret under
 * the current key (after a rotation, or for secrets stored in clear). Running it twice changes nothing the
 * second time.
 */
final class MigrateCommand {

    private final Store store;
    private final GatewayConfig config;
    private final PrintStream out;

    MigrateCommand(Store store, GatewayConfig config, PrintStream out) {
        this.store = store;
        this.config = config;
        this.out = out;
    }

    int run(String where) {
        out.println("Migrating " + where);
        List<String> applied = store.migrations().applyPending();
        if (applied.isEmpty()) {
            out.println("  schema is up to date (version " + store.migrations().currentVersion() + ")");
        } else {
            applied.forEach(step -> out.println("  applied migration " + step));
            out.println("  schema is now at version " + store.migrations().currentVersion());
        }
        ProviderSecretsSweep.Result sweep;
        try (PluginHost plugins =
                PluginHost.start(config.pluginsDir(), new StoredPluginStates(store.pluginStates()), false)) {
            ConfigSecrets secrets = new ConfigSecrets(new SecretCipher(SecretKeys.load(config)), new ObjectMapper());
            sweep = new ProviderSecretsSweep(store.providers(), plugins, secrets).run();
        }
        if (sweep.resealed().isEmpty()) {
            out.println("  provider secrets: all encrypted with the current key");
        } else {
            out.println("  provider secrets re-encrypted with the current key: " + String.join(", ", sweep.resealed()));
            // Running gateways notice the counter on their next poll and reload their providers.
            store.changeCounters().bump(ChangeKind.PROVIDERS.wireName());
        }
        sweep.problems().forEach(problem -> out.println("  NOT re-encrypted: " + problem));
        return sweep.problems().isEmpty() ? DatabaseCommands.OK : DatabaseCommands.FAILED;
    }
}
