package ai.dyad.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.Capabilities.Feature;
import ai.dyad.gateway.api.chat.ChatRequest;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void anAdapterThatSaysNothingIsTextOnly() {
        ModelAdapter silent = (ChatRequest request, CallContext call, ChatSink sink) -> {};

        assertThat(silent.capabilities()).isEqualTo(Capabilities.textOnly());
        for (Feature feature : Feature.values()) {
            assertThat(silent.capabilities().supports(feature))
                    .as(feature.name())
                    .isFalse();
        }
    }

    @Test
    void declaresJustTheNamedFeatures() {
        Capabilities vision = Capabilities.of(Feature.IMAGE_INPUT, Feature.TOOLS, Feature.TOOLS);

        assertThat(vision.supports(Feature.IMAGE_INPUT)).isTrue();
        assertThat(vision.supports(Feature.TOOLS)).isTrue();
        assertThat(vision.supports(Feature.MULTIPLE_CHOICES)).isFalse();
        assertThat(Capabilities.all().features()).containsExactlyInAnyOrder(Feature.values());
        assertThatThrownBy(() -> vision.features().add(Feature.LOGPROBS))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
