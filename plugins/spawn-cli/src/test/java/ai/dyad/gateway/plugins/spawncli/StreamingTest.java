package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks leave while the CLI still runs. The test CLIs stop half-way (in the middle of a character, in the
 * middle of a JSON line) until the test has received the first chunk; if the adapter held output back until the
 * process ended, the CLI would give up and fail the call.
 */
class StreamingTest {

    @TempDir
    Path dir;

    @Test
    void textChunksArriveBeforeTheProcessEndsAndSplitCharactersSurvive() {
        Path marker = dir.resolve("seen");
        ModelAdapter adapter = Providers.create(
                Map.of("command", FakeClis.install(dir, "split-text").toString(), "args", List.of(marker.toString())));
        RecordingSink sink = new RecordingSink().onChunk(chunk -> touch(marker));

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error()).isNull();
        assertThat(sink.reason()).isEqualTo(FinishReason.STOP);
        assertThat(sink.text()).isEqualTo("abécd");
        assertThat(sink.chunks().getFirst().content()).isEqualTo("ab");
        assertThat(sink.text()).doesNotContain("\uFFFD");
    }

    @Test
    void eventChunksArriveBeforeTheProcessEndsAndSplitLinesSurvive() {
        Path marker = dir.resolve("seen");
        ModelAdapter adapter = Providers.create(Map.of(
                "command", FakeClis.install(dir, "split-ndjson").toString(),
                "args", List.of(marker.toString()),
                "output", "claude-stream-json"));
        RecordingSink sink = new RecordingSink().onChunk(chunk -> touch(marker));

        adapter.chat(Providers.ask("m", "hi"), Providers.call(), sink);
        adapter.close();

        assertThat(sink.error()).isNull();
        assertThat(sink.chunks()).extracting(c -> c.content()).containsExactly("Hel", "lo café");
        assertThat(sink.usage()).isEqualTo(Usage.of(3, 2));
    }

    private static void touch(Path marker) {
        try {
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
