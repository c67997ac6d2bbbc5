package ai.dyad.gateway.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownStepsTest {

    @Test
    void runsEveryStepOnceInOrderEvenWhenOneFails() {
        List<String> ran = new ArrayList<>();
        ShutdownSteps steps = new ShutdownSteps()
                .add("first", () -> ran.add("first"))
                .add("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .add("last", () -> ran.add("last"));
        steps.runAll();
        steps.runAll();
        assertThat(ran).containsExactly("first", "last");
    }
}
