package ai.dyad.gateway.plugins.local.ollama;

/**
 * A provider's standing Ollama settings, sent with every request.
 *
 * @param keepAlive {@code keep_alive}, such as {@code 5m} or {@code -1}; nullable
 * @param numCtx the {@code num_ctx} option; nullable
 * @param numGpu the {@code num_gpu} option (layers offloaded to the GPU); nullable
 */
public record OllamaOptions(String keepAlive, Integer numCtx, Integer numGpu) {

    public static OllamaOptions none() {
        return new OllamaOptions(null, null, null);
    }
}
