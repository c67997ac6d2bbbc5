package ai.dyad.gateway.plugins.local;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.wire.testing.OpenAiCompatibleContract;
import ai.dyad.gateway.wire.testing.TestCalls;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code local} with {@code flavor: openai} (llama.cpp, vLLM, LM Studio, LocalAI), created through its
 * factory, against the shared OpenAI-compatible contract.
 */
class LocalOpenAiContractTest extends OpenAiCompatibleContract {

    private final LocalFactory factory = new LocalFactory();

    @Override
    protected ModelAdapter create(String baseUrl, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("flavor", "openai", "baseUrl", baseUrl));
        config.putAll(overrides);
        return TestCalls.create(factory, config);
    }
}
