package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.Capabilities.Feature;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.host.http.ApiError;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before the adapter runs, a request that needs a feature the adapter did not declare in
 * {@link Capabilities}: a 400 naming the parameter, never a silent downgrade (an image dropped, {@code n: 3}
 * answered once, tools ignored).
 */
final class CapabilityCheck {

    private CapabilityCheck() {}

    /** The first thing {@code capabilities} cannot serve, if any; {@code model} is the name the client used. */
    static Optional<ApiError> problem(ChatRequestParser.Parsed parsed, Capabilities capabilities, String model) {
        ChatRequest request = parsed.request();
        if (!request.tools().isEmpty()
                && !"none".equals(request.toolChoice())
                && !capabilities.supports(Feature.TOOLS)) {
            return Optional.of(parameter(parsed.legacyFunctions() ? "functions" : "tools", model, "call tools"));
        }
        if (request.n() != null && request.n() > 1 && !capabilities.supports(Feature.MULTIPLE_CHOICES)) {
            return Optional.of(parameter("n", model, "answer with more than one choice"));
        }
        if (Boolean.TRUE.equals(request.logprobs()) && !capabilities.supports(Feature.LOGPROBS)) {
            return Optional.of(parameter("logprobs", model, "report log probabilities"));
        }
        if (request.responseFormat() != null
                && !"text".equals(request.responseFormat().get("type"))
                && !capabilities.supports(Feature.STRUCTURED_OUTPUT)) {
            return Optional.of(parameter("response_format", model, "guarantee JSON output"));
        }
        return content(request.messages(), capabilities, model);
    }

    private static Optional<ApiError> content(List<ChatMessage> messages, Capabilities capabilities, String model) {
        for (int i = 0; i < messages.size(); i++) {
            List<ContentPart> parts = messages.get(i).content();
            for (int j = 0; parts != null && j < parts.size(); j++) {
                ContentPart part = parts.get(j);
                Feature needed =
                        switch (part) {
                            case ContentPart.Text text -> null;
                            case ContentPart.ImageUrl image -> Feature.IMAGE_INPUT;
                            case ContentPart.InputAudio audio -> Feature.AUDIO_INPUT;
                            case ContentPart.File file -> Feature.FILE_INPUT;
                        };
                if (needed != null && !capabilities.supports(needed)) {
                    String param = "messages[" + i + "].content[" + j + "]";
                    return Optional.of(ApiError.invalidRequest(
                            "unsupported_value",
                            param,
                            "the model '" + model + "' cannot take " + part.wireType() + " content (" + param
                                    + "); send text only or choose a model that accepts it"));
                }
            }
        }
        return Optional.empty();
    }

    private static ApiError parameter(String param, String model, String what) {
        return ApiError.invalidRequest(
                "unsupported_parameter",
                param,
                "the model '" + model + "' cannot " + what + "; remove '" + param + "' or choose another model");
    }
}
