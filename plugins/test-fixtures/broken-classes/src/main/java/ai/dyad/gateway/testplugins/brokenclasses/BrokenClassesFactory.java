package ai.dyad.gateway.testplugins.brokenclasses;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigSpec;
import com.google.common.base.Splitter;
import org.pf4j.Extension;

/** Needs Guava, which its jar lacks: loading this class fails with NoClassDefFoundError. */
@Extension
public class BrokenClassesFactory implements AdapterFactory {

    private static final Splitter WORDS = Splitter.on(' ');

    @Override
    public String type() {
        return "broken-classes";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of();
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        throw new IllegalStateException("unreachable: " + WORDS);
    }
}
