package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Test infrastructure: an adapter type that forwards requests to an OpenAI-compatible URL, so the host's
 * {@code /v1} surface can be tested against a WireMock upstream. Not shipped in the distribution.
 */
@Extension
public final class OpenAiUpstreamFactory implements AdapterFactory {

    @Override
    public String type() {
        return "openai-upstream";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.string("baseUrl", "The upstream base URL, such as http://127.0.0.1:8080/v1")
                        .asRequired(),
                ConfigField.string("apiKey", "Sent as a bearer token").asSecret(),
                ConfigField.stringList("capabilities", "Capabilities.Feature names to declare; all when absent"));
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        String baseUrl = context.settings().string("baseUrl").orElseThrow();
        return new OpenAiUpstreamAdapter(
                URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"),
                context.settings().string("apiKey").orElse(null),
                capabilities(context.settings().stringList("capabilities"), context));
    }

    private static Capabilities capabilities(List<String> names, AdapterContext context) {
        if (context.settings().asMap().get("capabilities") == null) {
            return Capabilities.all();
        }
        Set<Capabilities.Feature> features = EnumSet.noneOf(Capabilities.Feature.class);
        for (String name : names) {
            try {
                features.add(Capabilities.Feature.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new AdapterException(
                        ErrorKind.INVALID_REQUEST,
                        "unknown capability '" + name + "'; use " + Arrays.toString(Capabilities.Feature.values()));
            }
        }
        return new Capabilities(features);
    }
}
