package ai.dyad.gateway.plugins.local.ollama;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ollama answers in ({@code .ndjson} streams and {@code .json} whole answers, as Ollama's API documents
 * them), what the sink receives out ({@code .expected.json}). Tool call ids come from a counter here.
 */
class OllamaResponseTranslationTest {

    private static final String FOLDER = "fixtures/ollama/responses";

    static Stream<Path> fixtures() {
        return Stream.concat(
                Fixtures.list(FOLDER, ".ndjson").stream(),
                Fixtures.list(FOLDER, ".json").stream()
                        .filter(p -> !p.getFileName().toString().endsWith(".expected.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void relaysTheAnswerAsTheFixtureExpects(Path fixture) {
        boolean stream = fixture.toString().endsWith(".ndjson");
        byte[] body = Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8);
        AtomicInteger ids = new AtomicInteger();
        OllamaChatReader reader = new OllamaChatReader(Redactor.of(), () -> "call_" + ids.incrementAndGet());
        RecordingSink sink = new RecordingSink().drive(s -> {
            try {
                if (stream) {
                    reader.relayStream(new ByteArrayInputStream(body), s);
                } else {
                    reader.relayWhole(new ByteArrayInputStream(body), s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path expected = Fixtures.sibling(fixture, stream ? ".ndjson" : ".json", ".expected.json");
        assertSameJson(Fixtures.json(expected), SinkJson.of(sink));
        assertThat(sink.violations()).isEmpty();
        assertThat(sink.ended()).isTrue();
    }
}
