package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.chat.ChatMessage;
import java.util.List;

/**
 * Turns a conversation into one prompt. A single user message is sent as it is; longer conversations become
 * a transcript with one {@code Role: text} block per message, the last user turn last.
 */
final class PromptRenderer {

    private PromptRenderer() {}

    static String render(List<ChatMessage> messages) {
        if (messages.size() == 1) {
            return messages.getFirst().text();
        }
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage message : messages) {
            if (!prompt.isEmpty()) {
                prompt.append("\n\n");
            }
            String role = message.role().wireName();
            prompt.append(Character.toUpperCase(role.charAt(0)))
                    .append(role.substring(1))
                    .append(": ")
                    .append(message.text());
        }
        return prompt.toString();
    }
}
