package ai.dyad.gateway.testplugins.failingstart;

import org.pf4j.Plugin;

/** A plugin whose start-up fails, as one that cannot reach what it needs would. */
public class FailingStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("the spell book is missing");
    }
}
