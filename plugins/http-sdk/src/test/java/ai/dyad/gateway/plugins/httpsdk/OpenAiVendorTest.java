package ai.dyad.gateway.plugins.httpsdk;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.wire.testing.OpenAiCompatibleContract;
import ai.dyad.gateway.wire.testing.TestCalls;
import java.util.HashMap;
import java.util.Map;

/** {@code http-sdk} with {@code vendor: openai}, created through its factory, against the OpenAI contract. */
class OpenAiVendorTest extends OpenAiCompatibleContract {

    private final HttpSdkFactory factory = new HttpSdkFactory();

    @Override
    protected ModelAdapter create(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("vendor", "openai", "baseUrl", baseUrl));
        config.putAll(overrides);
        return TestCalls.create(factory, config);
    }
}
