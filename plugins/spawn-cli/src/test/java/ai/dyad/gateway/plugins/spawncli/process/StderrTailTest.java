package ai.dyad.gateway.plugins.spawncli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StderrTailTest {

    private static final Executor OWN_THREAD = reader -> Thread.ofPlatform().start(reader);

    @Test
    void keepsTheLastFiveLines() {
        String stderr = IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

        StderrTail tail =
                StderrTail.start(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), OWN_THREAD);

        assertThat(tail.lastLines(Duration.ofSeconds(10))).isEqualTo("line 46 | line 47 | line 48 | line 49 | line 50");
    }

    @Test
    void keepsOnlyTheEndOfAHugeStream() {
        String stderr = "x".repeat(1_000_000) + "\nlast words\n";

        StderrTail tail =
                StderrTail.start(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), OWN_THREAD);

        assertThat(tail.lastLines(Duration.ofSeconds(10))).isEqualTo("last words");
    }

    @Test
    void isEmptyWhenStderrSaidNothing() {
        StderrTail tail = StderrTail.start(new ByteArrayInputStream(new byte[0]), OWN_THREAD);

        assertThat(tail.lastLines(Duration.ofSeconds(10))).isEmpty();
    }
}
