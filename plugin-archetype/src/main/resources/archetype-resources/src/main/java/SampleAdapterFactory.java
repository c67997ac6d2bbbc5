package ${package};

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import org.pf4j.Extension;

/**
 * The {@code ${adapterType}} adapter type. The gateway finds this class through {@code @Extension}, validates
 * each provider's config against {@link #configSpec()}, and calls {@link #create} once per provider.
 */
@Extension
public class SampleAdapterFactory implements AdapterFactory {

    /** The name providers use in their {@code type} field. */
    public static final String TYPE = "${adapterType}";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSpec configSpec() {
        // Replace with your backend's settings: base URLs, model names, credentials (mark those asSecret()).
        return ConfigSpec.of(
                ConfigField.string("greeting", "Text every answer starts with").withDefault("You said: "),
                ConfigField.integer("wordDelayMs", "Pause before each word, to watch the answer stream")
                        .withDefault(0L));
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        // Keep this cheap: no network calls here. Build clients here, connect lazily.
        return new SampleAdapter(
                context.settings().string("greeting").orElse(""),
                context.settings().integer("wordDelayMs").orElse(0L));
    }
}
