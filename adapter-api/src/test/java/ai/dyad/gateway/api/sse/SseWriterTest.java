package ai.dyad.gateway.api.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SseWriterTest {

    @Test
    void writesDataEvents() {
        assertThat(SseWriter.format(SseEvent.data("{\"a\":1}"))).isEqualTo("data: {\"a\":1}\n\n");
    }

    @Test
    void writesNamedEventsWithIds() {
        assertThat(SseWriter.format(new SseEvent("ping", "{}", "3"))).isEqualTo("event: ping\nid: 3\ndata: {}\n\n");
    }

    @Test
    void splitsMultiLineDataSoTheReaderGetsItBack() throws IOException {
        SseEvent event = SseEvent.named("x", "line1\nline2\n");
        byte[] bytes = SseWriter.encode(event);
        try (SseReader reader = new SseReader(new ByteArrayInputStream(bytes))) {
            assertThat(reader.next()).isEqualTo(event);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void refusesEventNamesThatWouldBreakTheFraming() {
        assertThatThrownBy(() -> SseWriter.format(SseEvent.named("a\nb", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
