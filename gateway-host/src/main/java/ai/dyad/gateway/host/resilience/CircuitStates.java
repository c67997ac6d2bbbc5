package ai.dyad.gateway.host.resilience;

import java.util.List;
import java.util.Optional;

/** Read-only access to the providers' circuit breakers, for health reports, the admin API and metrics. */
public interface CircuitStates {

    /** Every provider circuit created so far (one per provider that has taken traffic or been checked). */
    List<CircuitView> circuits();

    /** One provider's circuit; empty if the provider has not been called yet (then it is closed). */
    Optional<CircuitView> circuit(String providerId);
}
