package ai.dyad.gateway.plugins.proxy;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.wire.testing.OpenAiCompatibleContract;
import ai.dyad.gateway.wire.testing.TestCalls;
import java.util.HashMap;
import java.util.Map;

/** The {@code proxy} type, created through its factory, against the shared OpenAI-compatible contract. */
class ProxyContractTest extends OpenAiCompatibleContract {

    private final ProxyFactory factory = new ProxyFactory();

    @Override
    protected ModelAdapter create(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("endpoint", baseUrl));
        config.putAll(overrides);
        return TestCalls.create(factory, config);
    }
}
