package ai.dyad.gateway.plugins.spawncli.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

    @Test
    void singleUserMessageIsSentExactlyAsWritten() {
        Prompt prompt = PromptRenderer.render(List.of(user("  Say hi\n")), false);

        assertThat(prompt).isEqualTo(new Prompt("", "  Say hi\n"));
    }

    @Test
    void instructionsGoToTheSystemFlagWhenTheCliHasOne() {
        Prompt prompt = PromptRenderer.render(
                List.of(
                        ChatMessage.of(Role.SYSTEM, "Be terse."),
                        ChatMessage.of(Role.DEVELOPER, "Use SI units."),
                        user("How far is the moon?")),
                true);

        assertThat(prompt).isEqualTo(new Prompt("Be terse.\n\nUse SI units.", "How far is the moon?"));
    }

    @Test
    void instructionsBecomeAHeaderWhenTheCliHasNoSystemFlag() {
        Prompt prompt = PromptRenderer.render(
                List.of(ChatMessage.of(Role.SYSTEM, "Be terse."), user("How far is the moon?")), false);

        assertThat(prompt.system()).isEmpty();
        assertThat(prompt.body()).isEqualTo("<system>\nBe terse.\n</system>\n\nHow far is the moon?");
    }

    @Test
    void earlierTurnsBecomeATranscriptAndTheLastUserTurnComesLast() {
        Prompt prompt = PromptRenderer.render(
                List.of(
                        ChatMessage.of(Role.SYSTEM, "Be terse."),
                        user("What is 2+2?"),
                        ChatMessage.of(Role.ASSISTANT, "4"),
                        ChatMessage.of(Role.SYSTEM, "Answer in words."),
                        user("And 3+3?")),
                false);

        assertThat(prompt.body()).isEqualTo("""
                        <system>
                        Be terse.

                        Answer in words.
                        </system>

                        <conversation>
                        <user>
                        What is 2+2?
                        </user>
                        <assistant>
                        4
                        </assistant>
                        </conversation>

                        And 3+3?""");
    }

    @Test
    void toolCallsAndResultsAppearInTheTranscript() {
        ChatMessage call = new ChatMessage(
                Role.ASSISTANT, null, false, null, List.of(new ToolCall("c1", "weather", "{\"city\":\"Oslo\"}")), null);
        ChatMessage result =
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("-3 C")), true, null, List.of(), "c1");

        Prompt prompt = PromptRenderer.render(List.of(user("Weather?"), call, result, user("Thanks. Coat?")), true);

        assertThat(prompt.body()).isEqualTo("""
                        <conversation>
                        <user>
                        Weather?
                        </user>
                        <assistant>
                        <tool_call id="c1" name="weather">{"city":"Oslo"}</tool_call>
                        </assistant>
                        <tool_result id="c1">
                        -3 C
                        </tool_result>
                        </conversation>

                        Thanks. Coat?""");
    }

    @Test
    void aConversationNotEndingWithTheUserIsAllTranscript() {
        Prompt prompt =
                PromptRenderer.render(List.of(user("Start a haiku"), ChatMessage.of(Role.ASSISTANT, "Autumn")), true);

        assertThat(prompt.body())
                .isEqualTo("<conversation>\n<user>\nStart a haiku\n</user>\n<assistant>\nAutumn\n"
                        + "</assistant>\n</conversation>");
    }

    @Test
    void refusesAnImageNamingThePart() {
        ChatMessage withImage = new ChatMessage(
                Role.USER,
                List.of(
                        new ContentPart.Text("What is this?"),
                        new ContentPart.ImageUrl("data:image/png;base64,AA", null)),
                false,
                null,
                List.of(),
                null);

        assertThatThrownBy(() -> PromptRenderer.render(List.of(ChatMessage.of(Role.SYSTEM, "x"), withImage), false))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains("messages[1].content[1]");
                    assertThat(e.code()).contains("unsupported_content");
                    assertThat(e.getMessage()).contains("image_url");
                });
    }

    @Test
    void refusesAudio() {
        ChatMessage withAudio = new ChatMessage(
                Role.USER, List.of(new ContentPart.InputAudio("AAAA", "wav")), false, null, List.of(), null);

        assertThatThrownBy(() -> PromptRenderer.render(List.of(withAudio), false))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("messages[0].content[0]"));
    }

    @Test
    void refusesAConversationWithoutAUserMessage() {
        assertThatThrownBy(() -> PromptRenderer.render(List.of(ChatMessage.of(Role.SYSTEM, "x")), true))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains("messages");
                });
    }

    private static ChatMessage user(String text) {
        return ChatMessage.of(Role.USER, text);
    }
}
