package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.wire.http.SharedHttpClient;
import ai.dyad.gateway.wire.http.Timeouts;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.http.UpstreamHeaders;
import ai.dyad.gateway.wire.http.UpstreamProtocol;
import ai.dyad.gateway.wire.testing.OpenAiCompatibleContract;
import java.time.Clock;
import java.util.Map;

/** The contract against the adapter built by hand, without any plugin's factory. */
class OpenAiCompatibleAdapterTest extends OpenAiCompatibleContract {

    @Override
    protected ModelAdapter create(String baseUrl, Map<String, Object> overrides) {
        String key = (String) overrides.get("apiKey");
        long timeout = ((Number) overrides.getOrDefault("timeoutMs", 30_000)).longValue();
        Upstream upstream = Upstream.connect(
                baseUrl,
                UpstreamProtocol.NEGOTIATED,
                UpstreamHeaders.none().bearer(key),
                new SharedHttpClient(),
                Timeouts.ofMillis(2_000, timeout),
                Clock.systemUTC());
        return OpenAiCompatibleAdapter.builder(upstream, new OpenAiRequestEncoder("max_tokens", true))
                .discoverModels(Boolean.TRUE.equals(overrides.get("discoverModels")))
                .build();
    }
}
