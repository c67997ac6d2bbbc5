package ai.dyad.gateway.host.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.host.config.RoutingConfig;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderGuardsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CircuitBreakers circuits =
            new CircuitBreakers(new RoutingConfig(0, 3, Duration.ofSeconds(10), Duration.ZERO, false), clock);
    private final List<Boolean> observed = new ArrayList<>();
    private final ProviderGuards guards =
            new ProviderGuards(circuits, RetryPolicy.exponential(0), (id, ok, latency) -> observed.add(ok), clock);
    private final Provider saved =
            new Provider("p1", "p", "http-echo", true, Map.of(), List.of(), 0, 1, null, null, null, null, 1);

    @Test
    void opensAfterThresholdFailuresThenProbesOnceAndCloses() {
        for (int i = 0; i < 3; i++) {
            permit().failed(new AdapterException(ErrorKind.UPSTREAM_ERROR, "500"));
        }
        assertThat(state()).isEqualTo("open");
        ProviderGuards.Admission refused = guards.admit(saved);
        assertThat(refused).isInstanceOf(ProviderGuards.Admission.Refused.class);
        assertThat(((ProviderGuards.Admission.Refused) refused).reason().code()).contains("circuit_open");

        clock.advance(Duration.ofSeconds(11));
        ProviderGuards.Permit probe = permit();
        assertThat(state()).isEqualTo("half_open");
        // Only one probe at a time.
        assertThat(guards.admit(saved)).isInstanceOf(ProviderGuards.Admission.Refused.class);
        probe.succeeded();
        assertThat(state()).isEqualTo("closed");
    }

    @Test
    void aFailedProbeOpensTheCircuitAgain() {
        for (int i = 0; i < 3; i++) {
            permit().failed(new AdapterException(ErrorKind.TIMEOUT, "slow"));
        }
        clock.advance(Duration.ofSeconds(11));
        permit().failed(new AdapterException(ErrorKind.UNAVAILABLE, "refused"));
        assertThat(state()).isEqualTo("open");
    }

    @Test
    void aClientErrorOrABusyProviderDoesNotCountAgainstTheCircuit() {
        for (int i = 0; i < 5; i++) {
            permit().failed(new AdapterException(ErrorKind.INVALID_REQUEST, "400"));
            permit().failed(new AdapterException(ErrorKind.RATE_LIMITED, "429"));
        }
        assertThat(state()).isEqualTo("closed");
    }

    @Test
    void skipsAProviderUntilItsRetryAfterHasPassed() {
        permit().failed(new AdapterException(ErrorKind.RATE_LIMITED, "429", null, null, Duration.ofSeconds(5), null));
        ProviderGuards.Admission cooling = guards.admit(saved);
        assertThat(cooling).isInstanceOf(ProviderGuards.Admission.Refused.class);
        assertThat(((ProviderGuards.Admission.Refused) cooling).reason().retryAfter())
                .contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(guards.admit(saved)).isInstanceOf(ProviderGuards.Admission.Granted.class);
    }

    @Test
    void aReleasedPermitLeavesTheHalfOpenProbeFree() {
        for (int i = 0; i < 3; i++) {
            permit().failed(new AdapterException(ErrorKind.UPSTREAM_ERROR, "500"));
        }
        clock.advance(Duration.ofSeconds(11));
        permit().released();
        assertThat(guards.admit(saved)).isInstanceOf(ProviderGuards.Admission.Granted.class);
    }

    @Test
    void reportsProviderFaultsToTheHealthObserver() {
        permit().succeeded();
        permit().failed(new AdapterException(ErrorKind.UPSTREAM_ERROR, "500"));
        permit().failed(new AdapterException(ErrorKind.INVALID_REQUEST, "400"));
        assertThat(observed).containsExactly(true, false, true);
    }

    private ProviderGuards.Permit permit() {
        ProviderGuards.Admission admission = guards.admit(saved);
        assertThat(admission).isInstanceOf(ProviderGuards.Admission.Granted.class);
        return ((ProviderGuards.Admission.Granted) admission).permit();
    }

    private String state() {
        return circuits.circuit("p1").orElseThrow().state();
    }
}
