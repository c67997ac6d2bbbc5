package ai.dyad.gateway.plugins.spawncli.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSupportTest {

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("m", List.of(ChatMessage.of(Role.USER, "hi")));
    }

    @Test
    void acceptsOfferedToolsTheModelNeedNotCall() {
        ChatRequest request = request()
                .tools(List.of(new ToolDefinition("f", null, Map.of(), null)))
                .toolChoice("auto")
                .temperature(0.2)
                .build();

        assertThatCode(() -> RequestSupport.check(request)).doesNotThrowAnyException();
    }

    @Test
    void refusesAForcedToolCall() {
        ChatRequest request = request().toolChoice("required").build();

        assertThatThrownBy(() -> RequestSupport.check(request))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("tool_choice"));
    }

    @Test
    void refusesSeveralChoices() {
        ChatRequest request = request().n(2).build();

        assertThatThrownBy(() -> RequestSupport.check(request))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("n"));
    }
}
