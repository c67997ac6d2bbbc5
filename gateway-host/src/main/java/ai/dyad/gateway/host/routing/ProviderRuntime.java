package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.InvalidConfigException;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderRepository;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.UnreadableSecretException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one adapter running per provider and publishes the routing table that requests read. Reloading
 * builds a new table and swaps it in atomically; requests in flight keep the adapters they hold.
 */
public final class ProviderRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRuntime.class);

    private final ProviderRepository repository;
    private final PluginHost plugins;
    private final Clock clock;
    private final ConfigSecrets secrets;
    private volatile RoutingTable table = RoutingTable.of(List.of());

    /** @param secrets decrypts the stored secrets for the adapters, which get clear settings */
    public ProviderRuntime(ProviderRepository repository, PluginHost plugins, Clock clock, ConfigSecrets secrets) {
        this.repository = repository;
        this.plugins = plugins;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** The current routing table; never blocks. */
    public RoutingTable table() {
        return table;
    }

    /** Re-reads the providers, starts their adapters and swaps in the new table. */
    public synchronized void reload() {
        RoutingTable previous = table;
        table = RoutingTable.of(repository.findAll().stream().map(this::start).toList());
        previous.providers().forEach(ProviderRuntime::closeQuietly);
    }

    private LiveProvider start(Provider provider) {
        Optional<AdapterFactory> factory = plugins.factory(provider.type());
        if (factory.isEmpty()) {
            return new LiveProvider(
                    provider, null, "no installed plugin provides adapter type '" + provider.type() + "'");
        }
        try {
            ProviderSettings settings =
                    factory.get().configSpec().validate(secrets.reveal(provider.id(), provider.config()));
            ModelAdapter adapter = factory.get()
                    .create(new AdapterContext(
                            provider.id(),
                            provider.name(),
                            settings,
                            clock,
                            System.getLogger("provider." + provider.name())));
            return new LiveProvider(provider, adapter, null);
        } catch (InvalidConfigException | AdapterException | UnreadableSecretException e) {
            LOG.warn("provider {} not started: {}", provider.name(), e.getMessage());
            return new LiveProvider(
                    provider, null, "provider '" + provider.name() + "' is misconfigured: " + e.getMessage());
        }
    }

    private static void closeQuietly(LiveProvider live) {
        live.adapterIfReady().ifPresent(adapter -> {
            try {
                adapter.close();
            } catch (RuntimeException e) {
                LOG.warn(
                        "closing the adapter of provider {} failed",
                        live.provider().name(),
                        e);
            }
        });
    }

    @Override
    public void close() {
        table.providers().forEach(ProviderRuntime::closeQuietly);
    }
}
