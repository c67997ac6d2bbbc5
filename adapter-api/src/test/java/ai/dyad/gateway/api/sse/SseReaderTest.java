package ai.dyad.gateway.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

    private static List<SseEvent> readAll(String text) throws IOException {
        return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SseEvent> readAll(InputStream in) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void readsOpenAiStyleDataEvents() throws IOException {
        assertThat(readAll("data: {\"a\":1}\n\ndata: [DONE]\n\n"))
                .containsExactly(SseEvent.data("{\"a\":1}"), SseEvent.data("[DONE]"));
    }

    @Test
    void readsNamedAnthropicStyleEvents() throws IOException {
        assertThat(readAll("event: ping\ndata: {\"type\": \"ping\"}\n\nevent: message_stop\ndata: {}\n\n"))
                .containsExactly(SseEvent.named("ping", "{\"type\": \"ping\"}"), SseEvent.named("message_stop", "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void acceptsEveryLineEnding(String eol) throws IOException {
        assertThat(readAll("event: x" + eol + "data: 1" + eol + eol + "data: 2" + eol + eol))
                .containsExactly(SseEvent.named("x", "1"), SseEvent.data("2"));
    }

    @Test
    void joinsDataLinesAndSkipsCommentsAndUnknownFields() throws IOException {
        assertThat(readAll(": keep-alive\ndata: a\nretry: 10\nfoo: bar\ndata:b\ndata\n\n"))
                .containsExactly(SseEvent.data("a\nb\n"));
    }

    @Test
    void stripsOnlyOneSpaceAfterTheColon() throws IOException {
        assertThat(readAll("data:  two spaces\n\n")).containsExactly(SseEvent.data(" two spaces"));
    }

    @Test
    void blankLinesWithoutDataDispatchNothingAndResetTheEventName() throws IOException {
        assertThat(readAll("\n\nevent: lost\n\ndata: x\n\n")).containsExactly(SseEvent.data("x"));
    }

    @Test
    void keepsTheLastEventId() throws IOException {
        assertThat(readAll("id: 7\ndata: a\n\ndata: b\n\n"))
                .extracting(SseEvent::id)
                .containsExactly("7", "7");
    }

    @Test
    void skipsALeadingByteOrderMark() throws IOException {
        assertThat(readAll("\uFEFFdata: x\n\n")).containsExactly(SseEvent.data("x"));
    }

    @Test
    void returnsDataPendingAtTheEndOfTheStream() throws IOException {
        assertThat(readAll("data: a\n\ndata: [DONE]\n")).containsExactly(SseEvent.data("a"), SseEvent.data("[DONE]"));
    }

    @Test
    void decodesMultiByteCharacters() throws IOException {
        assertThat(readAll("data: héllo ✓ 🙂\n\n")).containsExactly(SseEvent.data("héllo ✓ 🙂"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsTheSameWhenBytesArriveOneByOne(String eol) throws IOException {
        String text = "\uFEFFevent: x" + eol + "data: héllo ✓ 🙂" + eol + ": c" + eol + eol + "data: 2" + eol + eol
                + "data: [DONE]";
        assertThat(readAll(new OneByteAtATime(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(SseEvent.named("x", "héllo ✓ 🙂"), SseEvent.data("2"), SseEvent.data("[DONE]"));
    }

    @Test
    void readsLinesLongerThanItsBufferAndShortOnesAfterThem() throws IOException {
        String longData = "é".repeat(3 * Utf8Lines.BUFFER_SIZE) + "x";
        String text = "data: " + longData + "\n\ndata: short\r\n\r\ndata: " + longData + "\r\rdata: end\n\n";
        assertThat(readAll(text))
                .containsExactly(
                        SseEvent.data(longData), SseEvent.data("short"), SseEvent.data(longData), SseEvent.data("end"));
        assertThat(readAll(new OneByteAtATime(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(
                        SseEvent.data(longData), SseEvent.data("short"), SseEvent.data(longData), SseEvent.data("end"));
    }

    @Test
    void readsCharactersFromAReaderToo() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("event: x\r\ndata: é\r\n\r\ndata: 2\n\n"))) {
            assertThat(reader.next()).isEqualTo(SseEvent.named("x", "é"));
            assertThat(reader.next()).isEqualTo(SseEvent.data("2"));
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void handsOutEachEventAsSoonAsItIsComplete(String eol) throws Exception {
        PipedOutputStream upstream = new PipedOutputStream();
        InputStream in = new PipedInputStream(upstream);
        try (SseReader reader = new SseReader(in)) {
            upstream.write(("data: first" + eol + eol).getBytes(StandardCharsets.UTF_8));
            upstream.flush();
            // The stream stays open: the reader must not wait for more before returning the first event.
            SseEvent first = CompletableFuture.supplyAsync(() -> {
                        try {
                            return reader.next();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(SseEvent.data("first"));
            upstream.close();
        }
    }

    /** A stream that hands out one byte per read, as a slow network might: splits every line and character. */
    private static final class OneByteAtATime extends InputStream {
        private final ByteArrayInputStream bytes;

        OneByteAtATime(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            return length == 0 ? 0 : bytes.read(into, offset, 1);
        }
    }
}
