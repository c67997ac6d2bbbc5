package ai.dyad.gateway.host.cache;

import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * A cached chat completion: the response body as it was sent, who answered, and its usage (a hit still
 * counts usage).
 *
 * @param provider the provider that answered originally
 * @param model the model the client asked for
 */
public record CachedAnswer(String provider, String model, Usage usage, byte[] body) {

    /** The stored form (for Redis). */
    byte[] toBytes(ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
                .put("provider", provider)
                .put("model", model)
                .put("promptTokens", usage.promptTokens())
                .put("completionTokens", usage.completionTokens())
                .put("cachedTokens", usage.cachedTokens())
                .put("reasoningTokens", usage.reasoningTokens())
                .put("body", Base64.getEncoder().encodeToString(body));
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /** Reads the stored form; empty when it is not one (written by another version, or damaged). */
    static Optional<CachedAnswer> fromBytes(ObjectMapper json, byte[] stored) {
        try {
            JsonNode node = json.readTree(stored);
            return Optional.of(new CachedAnswer(
                    node.path("provider").asText(),
                    node.path("model").asText(),
                    new Usage(
                            node.path("promptTokens").asInt(),
                            node.path("completionTokens").asInt(),
                            node.path("cachedTokens").asInt(),
                            node.path("reasoningTokens").asInt()),
                    Base64.getDecoder().decode(node.path("body").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The usage a completion body reports; empty when it has none. */
    static Optional<Usage> usageOf(ObjectMapper json, byte[] completion) {
        try {
            JsonNode usage = json.readTree(completion).path("usage");
            if (!usage.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Usage(
                    usage.path("prompt_tokens").asInt(),
                    usage.path("completion_tokens").asInt(),
                    usage.path("prompt_tokens_details").path("cached_tokens").asInt(),
                    usage.path("completion_tokens_details")
                            .path("reasoning_tokens")
                            .asInt()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
