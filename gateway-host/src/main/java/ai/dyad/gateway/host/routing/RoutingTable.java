package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable map from requested model names to the routes that serve them, in preference order. */
public final class RoutingTable {

    private final Map<String, List<Route>> routes;
    private final List<LiveProvider> providers;

    private RoutingTable(Map<String, List<Route>> routes, List<LiveProvider> providers) {
        this.routes = routes;
        this.providers = providers;
    }

    static RoutingTable of(List<LiveProvider> providers) {
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        for (LiveProvider live : providers) {
            if (!live.provider().enabled()) {
                continue;
            }
            for (ProviderModel model : live.provider().models()) {
                routes.computeIfAbsent(model.modelId(), id -> new ArrayList<>()).add(new Route(live, model));
            }
        }
        routes.replaceAll((id, list) -> List.copyOf(list));
        return new RoutingTable(Map.copyOf(routes), List.copyOf(providers));
    }

    /** The routes for a model, best first; empty when no enabled provider serves it. */
    public List<Route> routes(String modelId) {
        return routes.getOrDefault(modelId, List.of());
    }

    /** Every model name served, with its routes, in registry order. */
    public Map<String, List<Route>> all() {
        return routes;
    }

    public List<LiveProvider> providers() {
        return providers;
    }
}
