package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.TokenLogprob;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Chunks merged back into whole messages, per choice, for JSON responses. */
final class CollectedAnswer {

    record Call(String id, String name, String arguments) {}

    record Choice(int index, String content, String reasoning, List<Call> toolCalls, List<TokenLogprob> logprobs) {}

    private static final class ChoiceBuilder {
        final StringBuilder content = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final Map<Integer, CallBuilder> calls = new TreeMap<>();
        final List<TokenLogprob> logprobs = new ArrayList<>();
    }

    private static final class CallBuilder {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    private final Map<Integer, ChoiceBuilder> choices = new TreeMap<>();

    void add(ChatChunk chunk) {
        ChoiceBuilder choice = choices.computeIfAbsent(chunk.index(), i -> new ChoiceBuilder());
        if (chunk.content() != null) {
            choice.content.append(chunk.content());
        }
        if (chunk.reasoningContent() != null) {
            choice.reasoning.append(chunk.reasoningContent());
        }
        choice.logprobs.addAll(chunk.logprobs());
        for (ToolCallDelta delta : chunk.toolCalls()) {
            CallBuilder call = choice.calls.computeIfAbsent(delta.index(), i -> new CallBuilder());
            if (delta.id() != null) {
                call.id = delta.id();
            }
            if (delta.name() != null) {
                call.name = delta.name();
            }
            if (delta.arguments() != null) {
                call.arguments.append(delta.arguments());
            }
        }
    }

    /** The merged choices, at least one (an empty answer is one empty choice). */
    List<Choice> choices() {
        List<Choice> result = new ArrayList<>();
        if (choices.isEmpty()) {
            result.add(new Choice(0, "", "", List.of(), List.of()));
        }
        choices.forEach((index, c) -> {
            List<Call> calls = new ArrayList<>();
            c.calls.values().forEach(call -> calls.add(new Call(call.id, call.name, call.arguments.toString())));
            result.add(new Choice(index, c.content.toString(), c.reasoning.toString(), calls, List.copyOf(c.logprobs)));
        });
        return result;
    }
}
