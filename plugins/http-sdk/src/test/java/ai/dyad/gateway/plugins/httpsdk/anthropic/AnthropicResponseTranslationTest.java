package ai.dyad.gateway.plugins.httpsdk.anthropic;

import static ai.dyad.gateway.wire.testing.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.testkit.RecordingSink;
import ai.dyad.gateway.wire.http.Redactor;
import ai.dyad.gateway.wire.testing.Fixtures;
import ai.dyad.gateway.wire.testing.SinkJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anthropic answers in ({@code .sse} streams and {@code .json} messages, as the Messages API documents
 * them), what the sink receives out ({@code .expected.json}).
 */
class AnthropicResponseTranslationTest {

    private static final String FOLDER = "fixtures/anthropic/responses";

    static Stream<Path> fixtures() {
        return Stream.concat(
                Fixtures.list(FOLDER, ".sse").stream(),
                Fixtures.list(FOLDER, ".json").stream()
                        .filter(p -> !p.getFileName().toString().endsWith(".expected.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void relaysTheAnswerAsTheFixtureExpects(Path fixture) {
        boolean stream = fixture.toString().endsWith(".sse");
        byte[] body = Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8);
        RecordingSink sink = new RecordingSink().drive(s -> {
            try {
                if (stream) {
                    new AnthropicStreamReader(Redactor.of()).relay(new ByteArrayInputStream(body), s);
                } else {
                    AnthropicResponseReader.relay(new ByteArrayInputStream(body), s, Redactor.of());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path expected = Fixtures.sibling(fixture, stream ? ".sse" : ".json", ".expected.json");
        assertSameJson(Fixtures.json(expected), SinkJson.of(sink));
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.ended()).isTrue();
    }
}
