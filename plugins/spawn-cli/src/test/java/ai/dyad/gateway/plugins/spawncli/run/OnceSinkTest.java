package ai.dyad.gateway.plugins.spawncli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnceSinkTest {

    @Test
    void endsExactlyOnceAndDropsChunksAfterTheEnd() {
        List<String> calls = new ArrayList<>();
        OnceSink sink = new OnceSink(recording(calls, true));

        assertThat(sink.emit(ChatChunk.text("a"))).isTrue();
        sink.complete(FinishReason.STOP, Usage.of(1, 1));
        sink.fail(new AdapterException(ErrorKind.TIMEOUT, "late"));
        assertThat(sink.emit(ChatChunk.text("b"))).isFalse();

        assertThat(calls).containsExactly("emit a", "complete");
    }

    @Test
    void remembersThatTheClientLeft() {
        List<String> calls = new ArrayList<>();
        OnceSink sink = new OnceSink(recording(calls, false));

        assertThat(sink.emit(ChatChunk.text("a"))).isFalse();
        assertThat(sink.clientGone()).isTrue();
        assertThat(sink.emit(ChatChunk.text("b"))).isFalse();

        assertThat(calls).containsExactly("emit a");
    }

    @Test
    void cancellationRunsTheCurrentActionOnceAndLateActionsAtOnce() {
        Cancellation cancellation = new Cancellation();
        List<String> runs = new ArrayList<>();
        cancellation.onFire(() -> runs.add("leave queue"));

        cancellation.fire();
        cancellation.fire();
        cancellation.onFire(() -> runs.add("kill process"));

        assertThat(runs).containsExactly("leave queue", "kill process");
        assertThat(cancellation.isFired()).isTrue();
    }

    private static ChatSink recording(List<String> calls, boolean accept) {
        return new ChatSink() {
            @Override
            public boolean emit(ChatChunk chunk) {
                calls.add("emit " + chunk.content());
                return accept;
            }

            @Override
            public void complete(FinishReason reason, Usage usage) {
                calls.add("complete");
            }

            @Override
            public void fail(AdapterException error) {
                calls.add("fail");
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable abortUpstream) {}
        };
    }
}
