package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.InvalidConfigException;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.host.plugins.AdapterType;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.ProviderRepository;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.UnreadableSecretException;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one adapter running per provider and publishes the routing table that requests read. Reloading builds
 * a new table and swaps it in atomically: a provider whose config and plugin version are unchanged keeps its
 * adapter; the others get new ones, and their old adapters are retired, closing when the last call leasing
 * them ends. Reloads when the registry changes and whenever the installed plugins change.
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

    /** Re-reads the providers, (re)starts the adapters that need it and swaps in the new table. */
    public synchronized void reload() {
        RoutingTable previous = table;
        Map<String, LiveProvider> before = previous.providers().stream()
                .filter(live -> live.provider().id() != null)
                .collect(Collectors.toMap(live -> live.provider().id(), Function.identity(), (a, b) -> a));
        List<LiveProvider> next = repository.findAll().stream()
                .map(provider -> startOrKeep(provider, before.get(provider.id())))
                .toList();
        table = RoutingTable.of(next);
        Set<AdapterInstance> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        next.forEach(live -> {
            if (live.instance() != null) {
                kept.add(live.instance());
            }
        });
        for (LiveProvider old : previous.providers()) {
            if (old.instance() != null && !kept.contains(old.instance())) {
                old.instance().retire();
            }
        }
    }

    private LiveProvider startOrKeep(Provider provider, LiveProvider before) {
        Optional<AdapterType> type = plugins.adapterType(provider.type());
        if (before != null && before.instance() != null && before.instance().servesUnchanged(provider, type)) {
            return new LiveProvider(provider, before.instance(), null, before.discovered());
        }
        if (type.isEmpty()) {
            return LiveProvider.unavailable(provider, plugins.unavailableReason(provider.type()));
        }
        try {
            ProviderSettings settings =
                    type.get().configSpec().validate(secrets.reveal(provider.id(), provider.config()));
            ModelAdapter adapter = type.get()
                    .create(new AdapterContext(
                            provider.id(),
                            provider.name(),
                            settings,
                            clock,
                            System.getLogger("provider." + provider.name())));
            return new LiveProvider(
                    provider, new AdapterInstance(adapter, type.get(), provider), null, discover(adapter, provider));
        } catch (InvalidConfigException | UnreadableSecretException e) {
            LOG.warn("provider {} not started: {}", provider.name(), e.getMessage());
            return LiveProvider.unavailable(
                    provider, "provider '" + provider.name() + "' is misconfigured: " + e.getMessage());
        } catch (AdapterException e) {
            LOG.warn("provider {} not started: {}", provider.name(), e.getMessage());
            return LiveProvider.unavailable(
                    provider, "provider '" + provider.name() + "' could not be started: " + e.getMessage());
        }
    }

    /**
     * The models the adapter offers by itself (a local server's installed models, a gateway's /v1/models), asked
     * once when it starts. A backend that is down now offers none; its listed models still route to it.
     */
    private static List<ProviderModel> discover(ModelAdapter adapter, Provider provider) {
        try {
            return adapter.models().stream()
                    .filter(model -> model.id() != null && !model.id().isBlank())
                    .map(model -> new ProviderModel(model.id(), model.id(), null, model.supportsStreaming()))
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("provider {}: model discovery failed: {}", provider.name(), e.getMessage());
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        RoutingTable last = table;
        table = RoutingTable.of(List.of());
        last.providers().forEach(live -> {
            if (live.instance() != null) {
                live.instance().retire();
            }
        });
    }
}
