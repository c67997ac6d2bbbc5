package ai.dyad.gateway.host.testing.vault;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;

/**
 * A test adapter type with secret config fields ({@code vault-echo}), packaged into a plugin jar at test
 * time by {@link ai.dyad.gateway.host.testing.TestPlugins}. It answers with the settings it was given, so a
 * test can see the adapter received its secrets decrypted.
 */
public class VaultFactory implements AdapterFactory {

    public static final String TYPE = "vault-echo";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string("apiKey", "The vendor key").asRequired().asSecret(),
            ConfigField.stringMap("headers", "Extra headers, credentials among them")
                    .asSecret(),
            ConfigField.string("region", "Where the vendor runs")
                    .oneOf("eu", "us")
                    .withDefault("eu"),
            ConfigField.integer("retries", "How often to retry"));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new VaultAdapter(context.settings());
    }
}
