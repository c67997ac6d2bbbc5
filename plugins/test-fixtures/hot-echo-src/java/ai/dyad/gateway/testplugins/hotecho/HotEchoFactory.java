package ai.dyad.gateway.testplugins.hotecho;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pf4j.Extension;

/** The {@code hot-echo} type: echoes the prompt word by word, each answer prefixed with the plugin version. */
@Extension
public class HotEchoFactory implements AdapterFactory {

    static final String VERSION = version();

    @Override
    public String type() {
        return "hot-echo";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.integer("delayMs", "Pause before each word, in milliseconds")
                        .withDefault(0L),
                ConfigField.string("gate", "A file that must exist before words after the first are sent"));
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new HotEchoAdapter(
                VERSION,
                context.settings().integer("delayMs").orElse(0L),
                context.settings().string("gate").map(java.nio.file.Path::of).orElse(null));
    }

    private static String version() {
        try (InputStream in = HotEchoFactory.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
