package ai.dyad.gateway.host.models;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import ai.dyad.gateway.host.routing.Route;
import java.util.List;

/** Finds what serves a requested model for a caller: 404 when none does or the key may not use it. */
public final class ModelLookup {

    private final ProviderRuntime providers;
    private final ModelAccess access;

    public ModelLookup(ProviderRuntime providers, ModelAccess access) {
        this.providers = providers;
        this.access = access;
    }

    /** The routes for {@code model}, best first; never empty. */
    public List<Route> routes(ApiKey caller, String model) {
        List<Route> routes = access.allows(caller, model) ? providers.table().routes(model) : List.of();
        if (routes.isEmpty()) {
            throw ApiError.notFound(
                            "model_not_found",
                            "model",
                            "The model '" + model + "' does not exist or you do not have access to it.")
                    .exception();
        }
        return routes;
    }

    /** The 503 for a route whose provider has no running adapter. */
    public static RuntimeException unavailable(Route route) {
        return new ApiError(
                        503,
                        "service_unavailable_error",
                        "adapter_unavailable",
                        null,
                        java.util.Objects.requireNonNullElse(
                                route.provider().problem(), "the provider's adapter is being replaced; retry"),
                        null)
                .exception();
    }

    /** The route's running adapter; 503 when its provider could not start one. */
    public static ModelAdapter adapter(Route route) {
        return route.provider().adapterIfReady().orElseThrow(() -> new ApiError(
                        503,
                        "service_unavailable_error",
                        "adapter_unavailable",
                        null,
                        route.provider().problem(),
                        null)
                .exception());
    }
}
