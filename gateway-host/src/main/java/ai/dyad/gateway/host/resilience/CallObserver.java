package ai.dyad.gateway.host.resilience;

import java.time.Duration;

/** Hears how each real call to a provider went (the health tracker keeps error rates and latencies from it). */
@FunctionalInterface
public interface CallObserver {

    /**
     * @param ok whether the provider did its job (a client's bad request counts as ok)
     * @param latency from the start of the call to its end
     */
    void called(String providerId, boolean ok, Duration latency);
}
