package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.testkit.AdapterConformanceTest;
import ai.dyad.gateway.api.testkit.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter conformance kit against spawn-cli with everyday programs as the backend: {@code cat} answers
 * with the prompt, a shell that exits non-zero fails, {@code sleep} hangs.
 */
class SpawnCliConformanceTest extends AdapterConformanceTest {

    @Override
    protected AdapterFactory factory() {
        return new SpawnCliFactory();
    }

    @Override
    protected Scenario answering(String text) {
        // A single user message is sent to the program as it is, and cat writes it back.
        return Scenario.of(Map.of("command", "cat"), "echo", text);
    }

    @Override
    protected Scenario failing() {
        return Scenario.of(
                Map.of("command", "sh", "args", List.of("-c", "cat > /dev/null; echo 'model overloaded' >&2; exit 3")),
                "failing",
                "hello");
    }

    @Override
    protected Scenario hanging() {
        return Scenario.of(Map.of("command", "sleep", "args", List.of("600")), "hanging", "hello");
    }

    @Override
    protected Optional<ErrorKind> expectedFailureKind() {
        return Optional.of(ErrorKind.UPSTREAM_ERROR);
    }
}
