package ai.dyad.gateway.testplugins.futureapi;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigSpec;
import org.pf4j.Extension;

/** Declares Plugin-Requires for adapter API 2, so this gateway must refuse to load it. */
@Extension
public class FutureApiFactory implements AdapterFactory {

    @Override
    public String type() {
        return "future-api";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of();
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        throw new IllegalStateException("must never be loaded by adapter API 1");
    }
}
