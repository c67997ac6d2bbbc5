package ai.dyad.gateway.testplugins.failingstart;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigSpec;
import org.pf4j.Extension;

/** Never used: the plugin fails before its factories are looked up. */
@Extension
public class FailingStartFactory implements AdapterFactory {

    @Override
    public String type() {
        return "failing-start";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of();
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        throw new IllegalStateException("unreachable");
    }
}
