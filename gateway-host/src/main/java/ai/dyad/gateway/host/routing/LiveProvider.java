package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A provider with its running adapter, or the reason it has none (its plugin is missing or disabled, its
 * config is invalid). Calls must {@link #lease()} the adapter for their whole duration.
 */
public final class LiveProvider {

    private final Provider provider;
    private final AdapterInstance instance;
    private final String problem;
    private final List<ProviderModel> discovered;

    /** A provider with an adapter made outside the runtime (for tests), or with {@code problem} and no adapter. */
    public LiveProvider(Provider provider, ModelAdapter adapter, String problem) {
        this(provider, adapter == null ? null : new AdapterInstance(adapter, null, null), problem);
    }

    LiveProvider(Provider provider, AdapterInstance instance, String problem) {
        this(provider, instance, problem, List.of());
    }

    LiveProvider(Provider provider, AdapterInstance instance, String problem, List<ProviderModel> discovered) {
        this.provider = provider;
        this.instance = instance;
        this.problem = problem;
        this.discovered = List.copyOf(discovered);
    }

    static LiveProvider unavailable(Provider provider, String problem) {
        return new LiveProvider(provider, (AdapterInstance) null, problem);
    }

    public Provider provider() {
        return provider;
    }

    /**
     * The models this provider serves: those the operator listed, then those its adapter discovered when it
     * started (a local server's installed models) that the listing does not name already.
     */
    public List<ProviderModel> models() {
        if (discovered.isEmpty()) {
            return provider.models();
        }
        List<ProviderModel> all = new ArrayList<>(provider.models());
        for (ProviderModel model : discovered) {
            if (all.stream().noneMatch(listed -> model.modelId().equals(listed.modelId()))) {
                all.add(model);
            }
        }
        return all;
    }

    List<ProviderModel> discovered() {
        return discovered;
    }

    /** Why there is no adapter; null when there is one. */
    public String problem() {
        return problem;
    }

    /**
     * A lease on the adapter for one call. Empty when there is no adapter ({@link #problem()} says why) or when
     * it was retired by a swap a moment ago ({@link #retired()}; look the route up again).
     */
    public Optional<AdapterLease> lease() {
        return instance == null ? Optional.empty() : instance.acquire();
    }

    /** Whether this provider's adapter was replaced since the routing table holding it was read. */
    public boolean retired() {
        return instance != null && instance.retired();
    }

    /**
     * The adapter without a lease, for quick probes such as health checks; calls that may outlast a plugin swap
     * use {@link #lease()}.
     */
    public Optional<ModelAdapter> adapterIfReady() {
        return instance == null ? Optional.empty() : Optional.of(instance.adapter());
    }

    /** The adapter, or null; like {@link #adapterIfReady()}, for probes only. */
    public ModelAdapter adapter() {
        return instance == null ? null : instance.adapter();
    }

    AdapterInstance instance() {
        return instance;
    }
}
