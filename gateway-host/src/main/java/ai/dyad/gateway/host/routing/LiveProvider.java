package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.registry.Provider;
import java.util.Optional;

/**
 * A provider with its running adapter, or the reason it has none (its plugin is missing or disabled, its
 * config is invalid). Calls must {@link #lease()} the adapter for their whole duration.
 */
public final class LiveProvider {

    private final Provider provider;
    private final AdapterInstance instance;
    private final String problem;

    /** A provider with an adapter made outside the runtime (for tests), or with {@code problem} and no adapter. */
    public LiveProvider(Provider provider, ModelAdapter adapter, String problem) {
        this(provider, adapter == null ? null : new AdapterInstance(adapter, null, null), problem);
    }

    LiveProvider(Provider provider, AdapterInstance instance, String problem) {
        this.provider = provider;
        this.instance = instance;
        this.problem = problem;
    }

    static LiveProvider unavailable(Provider provider, String problem) {
        return new LiveProvider(provider, (AdapterInstance) null, problem);
    }

    public Provider provider() {
        return provider;
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
