package ai.dyad.gateway.wire.openai;

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
 * Response translation, one fixture per case: an upstream body as the vendor documents it ({@code .sse} for
 * streams, {@code .json} for whole answers) and what the sink must receive ({@code .expected.json}).
 */
class OpenAiResponseTranslationTest {

    private static final String FOLDER = "fixtures/openai/responses";

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
                Redactor redactor = Redactor.of();
                if (stream) {
                    new OpenAiStreamReader(redactor).relay(new ByteArrayInputStream(body), s);
                } else {
                    new OpenAiResponseReader(redactor).relay(new ByteArrayInputStream(body), s);
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
