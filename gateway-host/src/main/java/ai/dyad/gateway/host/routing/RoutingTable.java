package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of who serves what: exact model ids to their routes, and wildcard patterns (model
 * ids with {@code *}) with theirs. Built whole and swapped in at once, so a request sees one consistent
 * registry.
 */
public final class RoutingTable {

    private record PatternRoute(ModelPattern pattern, Route route) {}

    private final Map<String, List<Route>> routes;
    private final List<PatternRoute> patterns;
    private final List<LiveProvider> providers;

    private RoutingTable(Map<String, List<Route>> routes, List<PatternRoute> patterns, List<LiveProvider> providers) {
        this.routes = routes;
        this.patterns = patterns;
        this.providers = providers;
    }

    static RoutingTable of(List<LiveProvider> providers) {
        Map<String, List<Route>> routes = new LinkedHashMap<>();
        List<PatternRoute> patterns = new ArrayList<>();
        for (LiveProvider live : providers) {
            if (!live.provider().enabled()) {
                continue;
            }
            for (ProviderModel model : live.models()) {
                if (model.modelId() == null || model.modelId().isBlank()) {
                    continue;
                }
                Route route = new Route(live, model);
                if (ModelPattern.isPattern(model.modelId())) {
                    patterns.add(new PatternRoute(ModelPattern.of(model.modelId()), route));
                } else {
                    routes.computeIfAbsent(model.modelId(), id -> new ArrayList<>())
                            .add(route);
                }
            }
        }
        routes.replaceAll((id, list) -> List.copyOf(list));
        return new RoutingTable(Collections.unmodifiableMap(routes), List.copyOf(patterns), List.copyOf(providers));
    }

    /** The routes for an exact model id, in registry order; empty when no enabled provider lists it. */
    public List<Route> routes(String modelId) {
        return routes.getOrDefault(modelId, List.of());
    }

    /**
     * Every provider that can serve {@code name}: those listing it exactly when there are any, otherwise
     * those whose wildcard pattern matches it. Unordered; {@link CandidateOrder} ranks them.
     */
    public List<Candidate> candidates(String name) {
        List<Route> exact = routes(name);
        if (!exact.isEmpty()) {
            return exact.stream()
                    .map(route -> new Candidate(route.provider(), adapterModelId(route.model(), name)))
                    .toList();
        }
        List<Candidate> matched = new ArrayList<>();
        for (PatternRoute p : patterns) {
            p.pattern()
                    .match(name)
                    .ifPresent(text -> matched.add(new Candidate(
                            p.route().provider(),
                            ModelPattern.adapterModelId(p.route().model().adapterModelId(), name, text))));
        }
        return matched;
    }

    /** Every exact model id served, with its routes, in registry order (patterns cannot be listed). */
    public Map<String, List<Route>> all() {
        return routes;
    }

    /** The wildcard patterns served, with their routes. */
    public Map<String, List<Route>> patterns() {
        Map<String, List<Route>> byPattern = new LinkedHashMap<>();
        patterns.forEach(p -> byPattern
                .computeIfAbsent(p.pattern().text(), t -> new ArrayList<>())
                .add(p.route()));
        return byPattern;
    }

    public List<LiveProvider> providers() {
        return providers;
    }

    /**
     * Whether this snapshot still holds that very provider instance; one it no longer holds was retired by
     * a registry change, and its adapter may be closing.
     */
    public boolean holds(LiveProvider live) {
        for (LiveProvider p : providers) {
            if (p == live) {
                return true;
            }
        }
        return false;
    }

    private static String adapterModelId(ProviderModel model, String requested) {
        String id = model.adapterModelId();
        return id == null || id.isBlank() ? requested : id;
    }
}
