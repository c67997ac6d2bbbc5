package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.host.registry.ModelAlias;
import ai.dyad.gateway.host.registry.ModelAliasRepository;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a requested model name into the providers to try, in order. A name resolves, in this order of
 * precedence, as an exact model id a provider lists, as an alias (one hop, to a model id or a name a
 * wildcard matches), or through the providers' wildcard patterns. Reads only in-memory snapshots.
 */
public final class Router {

    /**
     * Where a request goes.
     *
     * @param model the model id after alias resolution
     * @param candidates the providers to try, best first; empty when nothing serves the name
     * @param table the snapshot the candidates come from
     */
    public record Resolution(String requested, String model, List<Candidate> candidates, RoutingTable table) {

        /** Whether the registry changed since: a new snapshot may hold providers this one lacks. */
        public boolean outdated(Router router) {
            return router.table() != table;
        }
    }

    private final ProviderRuntime providers;
    private final ModelAliasRepository aliasStore;
    private final CandidateOrder order;
    private volatile Map<String, String> aliases = Map.of();

    public Router(ProviderRuntime providers, ModelAliasRepository aliasStore, CandidateOrder order) {
        this.providers = providers;
        this.aliasStore = aliasStore;
        this.order = order;
    }

    public Resolution resolve(String requested) {
        RoutingTable table = providers.table();
        String model = requested;
        if (table.routes(requested).isEmpty()) {
            model = aliases.getOrDefault(requested, requested);
        }
        return new Resolution(requested, model, order.order(table.candidates(model)), table);
    }

    /** Re-reads the aliases from the store and swaps them in; requests never wait for it. */
    public void reloadAliases() {
        Map<String, String> loaded = new TreeMap<>();
        for (ModelAlias alias : aliasStore.findAll()) {
            loaded.put(alias.alias(), alias.target());
        }
        aliases = Map.copyOf(loaded);
    }

    /** The aliases in force, by alias. */
    public Map<String, String> aliases() {
        return new TreeMap<>(aliases);
    }

    /** The provider snapshot the router reads. */
    public RoutingTable table() {
        return providers.table();
    }
}
