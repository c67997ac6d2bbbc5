package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.api.ModelAdapter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to use a provider's adapter for one call. While any lease is open the adapter stays open, even if
 * its provider changed or its plugin was replaced meanwhile; close the lease when the call has ended.
 */
public final class AdapterLease implements AutoCloseable {

    private final AdapterInstance instance;
    private final AtomicBoolean closed = new AtomicBoolean();

    AdapterLease(AdapterInstance instance) {
        this.instance = instance;
    }

    public ModelAdapter adapter() {
        return instance.adapter();
    }

    /** Ends the lease; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            instance.release();
        }
    }
}
