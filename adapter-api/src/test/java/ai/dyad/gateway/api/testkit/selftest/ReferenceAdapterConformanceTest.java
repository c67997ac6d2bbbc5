package ai.dyad.gateway.api.testkit.selftest;

import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.testkit.AdapterConformanceTest;
import ai.dyad.gateway.api.testkit.Scenario;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The kit run against an adapter that honours the SPI: every check passes. */
class ReferenceAdapterConformanceTest extends AdapterConformanceTest {

    /** The flaw to build adapters with; NONE here, one rule broken in {@link ConformanceKitSelfTest}. */
    protected ReferenceAdapter.Flaw flaw() {
        return ReferenceAdapter.Flaw.NONE;
    }

    @Override
    protected AdapterFactory factory() {
        return new ReferenceAdapter.Factory();
    }

    @Override
    protected Scenario answering(String text) {
        return Scenario.of(config("answer"), "ref-model", text);
    }

    @Override
    protected Scenario failing() {
        return Scenario.of(config("fail"), "ref-model", "hello");
    }

    @Override
    protected Scenario hanging() {
        return Scenario.of(config("hang"), "ref-model", "hello");
    }

    @Override
    protected Optional<ErrorKind> expectedFailureKind() {
        return Optional.of(ErrorKind.UNAVAILABLE);
    }

    @Override
    protected Duration hangGuard() {
        return Duration.ofSeconds(5);
    }

    private Map<String, Object> config(String mode) {
        return Map.of("mode", mode, "flaw", flaw().name());
    }
}
