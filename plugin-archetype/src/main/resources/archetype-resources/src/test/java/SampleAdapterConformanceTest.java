package ${package};

import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.testkit.AdapterConformanceTest;
import ai.dyad.gateway.api.testkit.Scenario;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the gateway's adapter conformance kit against this plugin. Each scenario says how to make the backend
 * answer, fail or hang; with a real backend, point the config at a stub server (WireMock, a test script).
 */
class SampleAdapterConformanceTest extends AdapterConformanceTest {

    @Override
    protected AdapterFactory factory() {
        return new SampleAdapterFactory();
    }

    @Override
    protected Scenario answering(String text) {
        // Without a greeting the sample backend answers with the message itself.
        return Scenario.of(Map.of("greeting", ""), "sample-model", text);
    }

    @Override
    protected Scenario failing() {
        return Scenario.of(Map.of(), "sample-model", "");
    }

    @Override
    protected Scenario hanging() {
        return Scenario.of(Map.of("wordDelayMs", 3_600_000L), "sample-model", "never finishes");
    }

    @Override
    protected Optional<ErrorKind> expectedFailureKind() {
        return Optional.of(ErrorKind.INVALID_REQUEST);
    }
}
