package ai.dyad.gateway.host.health;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.resilience.CircuitStates;
import ai.dyad.gateway.host.resilience.CircuitView;
import ai.dyad.gateway.host.routing.Standing;
import ai.dyad.gateway.host.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderHealthTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, String> circuitStates = new HashMap<>();
    private final CircuitStates circuits = new CircuitStates() {
        @Override
        public List<CircuitView> circuits() {
            return List.of();
        }

        @Override
        public Optional<CircuitView> circuit(String providerId) {
            return Optional.ofNullable(circuitStates.get(providerId))
                    .map(state -> new CircuitView(providerId, providerId, state, 0, 0, 0, 0));
        }
    };
    private final ProviderHealth health = new ProviderHealth(circuits, clock);

    @Test
    void knowsNothingAboutAProviderNobodyCalledOrChecked() {
        assertThat(health.status("p")).isEqualTo(HealthStatus.unknown());
        assertThat(health.of("p")).isEqualTo(Standing.GOOD);
    }

    @Test
    void isHealthyWhenCallsAndChecksSucceed() {
        for (int i = 0; i < 10; i++) {
            health.called("p", true, Duration.ofMillis(100 + i * 10));
        }
        health.checked("p", Health.healthy("ok", Duration.ofMillis(5)));
        HealthStatus status = health.status("p");
        assertThat(status.status()).isEqualTo("healthy");
        assertThat(status.errorRate()).isZero();
        assertThat(status.availability()).isEqualTo(1.0);
        assertThat(status.responseTimeMs()).isEqualTo(145);
        assertThat(status.lastCheck()).isEqualTo(clock.instant());
    }

    @Test
    void degradesWithSomeFailuresAndFailsWithMany() {
        for (int i = 0; i < 9; i++) {
            health.called("p", true, Duration.ofMillis(10));
        }
        health.called("p", false, Duration.ofMillis(10));
        assertThat(health.status("p").status()).isEqualTo("degraded");
        assertThat(health.of("p")).isEqualTo(Standing.DEGRADED);
        for (int i = 0; i < 10; i++) {
            health.called("p", false, Duration.ofMillis(10));
        }
        assertThat(health.status("p").status()).isEqualTo("unhealthy");
        // Traffic failures only demote: the circuit, not the order, keeps traffic away, and must stay probeable.
        assertThat(health.of("p")).isEqualTo(Standing.DEGRADED);
    }

    @Test
    void forgetsCallsOlderThanTheWindow() {
        for (int i = 0; i < 10; i++) {
            health.called("p", false, Duration.ofMillis(10));
        }
        clock.advance(ProviderHealth.CALL_WINDOW.plusSeconds(1));
        health.called("p", true, Duration.ofMillis(10));
        assertThat(health.status("p").status()).isEqualTo("healthy");
        assertThat(health.status("p").errorRate()).isZero();
    }

    @Test
    void aFailedCheckMakesTheProviderUnhealthyAndLastInLine() {
        health.checked("p", Health.healthy("ok", Duration.ofMillis(5)));
        health.checked("p", Health.unhealthy("connection refused", Duration.ofMillis(5)));
        assertThat(health.status("p").status()).isEqualTo("unhealthy");
        assertThat(health.status("p").availability()).isEqualTo(0.5);
        assertThat(health.of("p")).isEqualTo(Standing.BAD);
        assertThat(health.lastCheckDetail("p")).contains("connection refused");
        health.checked("p", Health.healthy("ok again", Duration.ofMillis(5)));
        assertThat(health.of("p")).isEqualTo(Standing.GOOD);
    }

    @Test
    void followsTheCircuit() {
        health.called("p", true, Duration.ofMillis(10));
        circuitStates.put("p", "open");
        assertThat(health.status("p").status()).isEqualTo("unhealthy");
        circuitStates.put("p", "half_open");
        assertThat(health.status("p").status()).isEqualTo("degraded");
        circuitStates.put("q", "open");
        assertThat(health.status("q").status()).isEqualTo("unhealthy");
    }
}
