package ai.dyad.gateway.host.resilience;

/**
 * A provider's circuit as operators and metrics see it.
 *
 * @param state {@code closed}, {@code open} or {@code half_open}
 * @param failureRate failed share of the calls in the window, 0 to 100, or -1 until the window has filled
 * @param bufferedCalls calls in the current window
 * @param notPermittedCalls calls skipped because the circuit was open, since it was created
 */
public record CircuitView(
        String providerId,
        String providerName,
        String state,
        float failureRate,
        int bufferedCalls,
        int failedCalls,
        long notPermittedCalls) {}
