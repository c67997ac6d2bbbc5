package ai.dyad.gateway.api.testkit;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Role;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One situation the conformance kit puts an adapter in: the provider config to create it with and the request
 * to send it. A plugin's test builds scenarios in which its backend answers, fails or hangs.
 *
 * @param config the raw provider config, as an operator would store it; validated against the factory's spec
 * @param request the request to send; its {@code stream} flag is set by each check
 */
public record Scenario(Map<String, Object> config, ChatRequest request) {

    public Scenario {
        config = Map.copyOf(Objects.requireNonNull(config, "config"));
        Objects.requireNonNull(request, "request");
    }

    /** A scenario sending one user message to {@code model}. */
    public static Scenario of(Map<String, Object> config, String model, String userMessage) {
        return new Scenario(
                config,
                ChatRequest.builder(model, List.of(ChatMessage.of(Role.USER, userMessage)))
                        .build());
    }
}
