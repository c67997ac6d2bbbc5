package ai.dyad.gateway.host.models;

import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.routing.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models a caller sees in {@code /v1/models}: those served, filtered by {@link ModelAccess}. */
final class VisibleModels {

    /** One {@code model} object: {@code owned_by} is the preferred provider's name. */
    record Entry(String id, long created, String ownedBy) {}

    private VisibleModels() {}

    static List<Entry> all(Map<String, List<Route>> served, ApiKey caller, ModelAccess access) {
        return served.entrySet().stream()
                .filter(model -> access.allows(caller, model.getKey()))
                .map(model -> entry(model.getKey(), model.getValue()))
                .toList();
    }

    static Optional<Entry> one(Map<String, List<Route>> served, ApiKey caller, ModelAccess access, String id) {
        List<Route> routes = served.get(id);
        if (routes == null || routes.isEmpty() || !access.allows(caller, id)) {
            return Optional.empty();
        }
        return Optional.of(entry(id, routes));
    }

    private static Entry entry(String id, List<Route> routes) {
        Provider provider = routes.getFirst().provider().provider();
        long created = provider.createdAt() == null ? 0 : provider.createdAt().getEpochSecond();
        return new Entry(id, created, provider.name());
    }
}
