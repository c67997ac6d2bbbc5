package ai.dyad.gateway.testfixtures.httpecho;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.net.URI;
import org.pf4j.Extension;

/** The {@code http-echo} adapter type (tests only): one HTTP upstream, a trivial wire format. */
@Extension
public class HttpEchoFactory implements AdapterFactory {

    static final ConfigSpec SPEC = ConfigSpec.of(ConfigField.string(
                    "baseUrl", "The upstream; chats go to POST {baseUrl}/chat, probes to GET {baseUrl}/health")
            .asRequired());

    @Override
    public String type() {
        return "http-echo";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new HttpEchoAdapter(
                URI.create(context.settings().string("baseUrl").orElseThrow()));
    }
}
