package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.host.plugins.AdapterType;
import ai.dyad.gateway.host.registry.Provider;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running adapter, counted: calls lease it, and once it is retired (its provider changed, its plugin was
 * replaced) it closes when the last lease ends. So a swap never cuts a request, stream or not, in the middle.
 */
final class AdapterInstance {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterInstance.class);

    private final ModelAdapter adapter;
    private final AdapterType origin;
    private final Provider basis;
    private int leases;
    private boolean retired;
    private boolean closed;

    /**
     * @param origin the plugin version's adapter type that made it; nullable for adapters made by hand
     * @param basis the provider as it was when the adapter was made; nullable for adapters made by hand
     */
    AdapterInstance(ModelAdapter adapter, AdapterType origin, Provider basis) {
        this.adapter = adapter;
        this.origin = origin;
        this.basis = basis;
    }

    ModelAdapter adapter() {
        return adapter;
    }

    /** A lease, unless the instance is retired (then the caller looks again in the current routing table). */
    synchronized Optional<AdapterLease> acquire() {
        if (retired) {
            return Optional.empty();
        }
        leases++;
        return Optional.of(new AdapterLease(this));
    }

    synchronized boolean retired() {
        return retired;
    }

    /** Whether this adapter can keep serving {@code provider} when {@code current} is the installed type. */
    boolean servesUnchanged(Provider provider, Optional<AdapterType> current) {
        return origin != null
                && current.isPresent()
                && current.get() == origin
                && basis != null
                && basis.id().equals(provider.id())
                && basis.name().equals(provider.name())
                && basis.type().equals(provider.type())
                && Objects.equals(basis.config(), provider.config());
    }

    /** No new leases; closes now if none is open, else when the last one ends. */
    void retire() {
        boolean closeNow;
        synchronized (this) {
            retired = true;
            closeNow = leases == 0 && !closed;
            closed |= closeNow;
        }
        if (closeNow) {
            closeAdapter();
        }
    }

    void release() {
        boolean closeNow;
        synchronized (this) {
            leases--;
            closeNow = retired && leases == 0 && !closed;
            closed |= closeNow;
        }
        if (closeNow) {
            closeAdapter();
        }
    }

    private void closeAdapter() {
        try {
            adapter.close();
        } catch (RuntimeException e) {
            LOG.warn("closing an adapter{} failed", basis == null ? "" : " of provider " + basis.name(), e);
        }
    }
}
