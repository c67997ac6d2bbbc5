package ai.dyad.gateway.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an adapter can serve beyond a plain-text conversation. The host checks every request against it
 * before calling the adapter and answers {@code 400} naming the parameter the adapter cannot honour, so a
 * request is never silently downgraded (an image dropped, {@code n: 3} answered once, tools ignored).
 *
 * <p>Sampling hints ({@code temperature}, {@code seed}, {@code stop}, …) are not capabilities: adapters
 * apply what their backend offers.
 *
 * @param features the features offered; unmodifiable
 */
public record Capabilities(Set<Feature> features) {

    /** A request feature that not every backend offers. New constants may be added in minor versions. */
    public enum Feature {
        /** {@code tools} (and legacy {@code functions}): the model may answer with tool calls. */
        TOOLS,
        /** {@code image_url} content parts. */
        IMAGE_INPUT,
        /** {@code input_audio} content parts. */
        AUDIO_INPUT,
        /** {@code file} content parts. */
        FILE_INPUT,
        /** {@code n > 1}: several choices, emitted with their {@code ChatChunk.index}. */
        MULTIPLE_CHOICES,
        /** {@code logprobs: true}: the adapter fills {@code ChatChunk.logprobs}. */
        LOGPROBS,
        /** {@code response_format} of type {@code json_object} or {@code json_schema}. */
        STRUCTURED_OUTPUT
    }

    public Capabilities {
        features = features.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(features));
    }

    /** Plain-text chat only: what every adapter can do, and the default of {@link ModelAdapter#capabilities()}. */
    public static Capabilities textOnly() {
        return new Capabilities(Set.of());
    }

    /** Every feature: for adapters that pass requests to a backend speaking the full OpenAI API. */
    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Feature.class));
    }

    public static Capabilities of(Feature... features) {
        return new Capabilities(Set.copyOf(Arrays.asList(features)));
    }

    public boolean supports(Feature feature) {
        return features.contains(feature);
    }
}
