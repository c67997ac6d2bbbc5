package ai.dyad.gateway.host.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private final Deadlines deadlines = Deadlines.start(Duration.ofMillis(5));

    @AfterEach
    void stop() {
        deadlines.close();
    }

    @Test
    void runsTheActionOnceTheTimeoutPassed() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        long started = System.nanoTime();
        deadlines.watch(Duration.ofMillis(50), fired::countDown);
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void aCancelledWatchNeverFires() throws InterruptedException {
        AtomicBoolean cancelledFired = new AtomicBoolean();
        deadlines.watch(Duration.ofMillis(20), () -> cancelledFired.set(true)).cancel();
        // A later watch firing proves the ticker has passed the cancelled one's deadline.
        CountDownLatch later = new CountDownLatch(1);
        deadlines.watch(Duration.ofMillis(40), later::countDown);
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledFired).isFalse();
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() throws InterruptedException {
        deadlines.watch(Duration.ZERO, () -> {
            throw new IllegalStateException("boom");
        });
        CountDownLatch fired = new CountDownLatch(1);
        deadlines.watch(Duration.ofMillis(30), fired::countDown);
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void watchesTheSameDeadlineApart() throws InterruptedException {
        CountDownLatch both = new CountDownLatch(2);
        deadlines.watch(Duration.ofMillis(10), both::countDown);
        deadlines.watch(Duration.ofMillis(10), both::countDown);
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
