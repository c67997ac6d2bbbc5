package ai.dyad.gateway.api.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolCallDelta;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingSinkTest {

    @Test
    void assemblesToolCallsFromTheirPieces() {
        RecordingSink sink = new RecordingSink();
        sink.emit(ChatChunk.toolCalls(
                List.of(new ToolCallDelta(0, "a", "f", ""), new ToolCallDelta(1, "b", "g", "{\"y\""))));
        sink.emit(ChatChunk.toolCalls(List.of(new ToolCallDelta(0, null, null, "{}"))));
        sink.emit(ChatChunk.toolCalls(List.of(new ToolCallDelta(1, null, null, ":1}"))));
        sink.complete(FinishReason.TOOL_CALLS, null);
        assertThat(sink.toolCalls()).containsExactly(new ToolCall("a", "f", "{}"), new ToolCall("b", "g", "{\"y\":1}"));
        assertThat(sink.violations()).isEmpty();
    }

    @Test
    void cancellingRunsAbortActionsOnceAndStopsEmits() {
        RecordingSink sink = new RecordingSink().cancelAfterChunks(1);
        AtomicInteger aborted = new AtomicInteger();
        sink.onCancel(aborted::incrementAndGet);
        assertThat(sink.emit(ChatChunk.text("a"))).isFalse();
        sink.cancel();
        assertThat(aborted).hasValue(1);
        sink.onCancel(aborted::incrementAndGet);
        assertThat(aborted).hasValue(2);
        assertThat(sink.emit(ChatChunk.text("b"))).isFalse();
        assertThat(sink.text()).isEqualTo("a");
    }

    @Test
    void recordsContractBreaches() {
        RecordingSink sink = new RecordingSink();
        sink.drive(s -> {
            s.complete(FinishReason.STOP, null);
            throw new AdapterException(ErrorKind.INTERNAL, "boom");
        });
        assertThat(sink.violations()).containsExactly("the answer ended twice");
        assertThat(sink.error()).isPresent();
    }
}
