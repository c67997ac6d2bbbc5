package ai.dyad.gateway.plugins.local.ollama;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.openai.HealthProbe;
import java.util.List;
import okhttp3.Request;

/**
 * A provider behind Ollama's native API: {@code /api/chat} (NDJSON when streaming), {@code /api/embed},
 * {@code /api/tags}. Native rather than Ollama's OpenAI endpoint because only the native one takes
 * {@code keep_alive} and options such as {@code num_ctx} and {@code num_gpu}. Thread-safe.
 */
public final class OllamaAdapter implements ModelAdapter {

    /** Listing the installed models is Ollama's cheapest call that proves the server works. */
    private static final HealthProbe HEALTH = HealthProbe.get("api/tags");

    private final Upstream upstream;
    private final OllamaOptions options;
    private final boolean discoverModels;

    public OllamaAdapter(Upstream upstream, OllamaOptions options, boolean discoverModels) {
        this.upstream = upstream;
        this.options = options;
        this.discoverModels = discoverModels;
    }

    /** Ollama's chat API takes tools, inline images and a JSON format; no n > 1, logprobs or audio. */
    @Override
    public Capabilities capabilities() {
        return Capabilities.of(
                Capabilities.Feature.TOOLS, Capabilities.Feature.IMAGE_INPUT, Capabilities.Feature.STRUCTURED_OUTPUT);
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        Request.Builder http =
                Upstream.postJson(upstream.url("api/chat"), OllamaRequestTranslator.translate(request, options));
        upstream.stream(http, call, sink, body -> {
            OllamaChatReader reader = new OllamaChatReader(upstream.redactor(), OllamaChatReader.randomIds());
            return request.stream() ? reader.relayStream(body, sink) : reader.relayWhole(body, sink);
        });
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, CallContext call) {
        Request.Builder http = Upstream.postJson(upstream.url("api/embed"), OllamaEmbeddings.encode(request, options));
        return OllamaEmbeddings.decode(
                upstream.exchangeJson(http, call), request.inputs().size());
    }

    /** The models installed on the server ({@code /api/tags}), when the provider discovers models. */
    @Override
    public List<ModelInfo> models() {
        return discoverModels ? OllamaModels.decode(upstream.getJson("api/tags", null)) : List.of();
    }

    @Override
    public Health health() {
        return HEALTH.probe(upstream);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
