package ai.dyad.gateway.host.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must happen at shutdown after the last request finished and before the plugins stop and the store
 * closes, in the order added (such as flushing batched usage). A failing step is logged and the rest still
 * run, so one broken step cannot lose the others' data.
 */
public final class ShutdownSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSteps.class);

    /** One step; may block (it runs on the shutdown thread). */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private record Named(String name, Step step) {}

    private final List<Named> steps = new ArrayList<>();

    /** Adds a step after those already added. */
    public synchronized ShutdownSteps add(String name, Step step) {
        steps.add(new Named(name, step));
        return this;
    }

    /** Runs every step once, in order. */
    public void runAll() {
        List<Named> toRun;
        synchronized (this) {
            toRun = List.copyOf(steps);
            steps.clear();
        }
        for (Named named : toRun) {
            try {
                LOG.debug("shutdown: {}", named.name());
                named.step().run();
            } catch (Exception e) {
                LOG.error("shutdown step '{}' failed", named.name(), e);
            }
        }
    }
}
