package ai.dyad.gateway.plugins.spawncli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void refusesBeyondRunningAndQueuedAsProviderBusy() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate(1, 1);
        ConcurrencyGate.Permit first = gate.acquire(LONG, () -> false);
        CompletableFuture<ConcurrencyGate.Permit> queued =
                CompletableFuture.supplyAsync(() -> gate.acquire(LONG, () -> false));
        awaitWaiting(gate, queued);

        assertThatThrownBy(() -> gate.acquire(LONG, () -> false)).isInstanceOfSatisfying(AdapterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.code()).contains("provider_busy");
            assertThat(e.retryAfter()).isPresent();
        });

        first.close();
        queued.get(10, TimeUnit.SECONDS).close();
        assertThat(gate.running()).isZero();
    }

    @Test
    void aWaiterGetsTheSlotReleasedBeforeIt() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate(1, 5);
        ConcurrencyGate.Permit first = gate.acquire(LONG, () -> false);
        CompletableFuture<ConcurrencyGate.Permit> queued =
                CompletableFuture.supplyAsync(() -> gate.acquire(LONG, () -> false));
        awaitWaiting(gate, queued);
        assertThat(queued).isNotDone();

        first.close();
        first.close(); // a second close must not free a second slot

        queued.get(10, TimeUnit.SECONDS);
        assertThat(gate.running()).isEqualTo(1);
    }

    @Test
    void aCancelledWaiterLeavesTheQueue() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate(1, 5);
        gate.acquire(LONG, () -> false);
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<ConcurrencyGate.Permit> queued =
                CompletableFuture.supplyAsync(() -> gate.acquire(LONG, cancelled::get));
        awaitWaiting(gate, queued);

        cancelled.set(true);
        gate.wakeAll();

        assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(AdapterException.class)
                .cause()
                .hasMessageContaining("cancelled");
    }

    @Test
    void aWaiterGivesUpAtItsDeadline() {
        ConcurrencyGate gate = new ConcurrencyGate(1, 5);
        gate.acquire(LONG, () -> false);

        assertThatThrownBy(() -> gate.acquire(Duration.ofMillis(50), () -> false))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
    }

    @Test
    void noQueueMeansImmediateRefusal() {
        ConcurrencyGate gate = new ConcurrencyGate(1, 0);
        gate.acquire(LONG, () -> false);

        assertThatThrownBy(() -> gate.acquire(LONG, () -> false))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.code()).contains("provider_busy"));
    }

    /** Waits until the future's thread is parked in the gate (a full queue refuses the next caller). */
    private static void awaitWaiting(ConcurrencyGate gate, CompletableFuture<?> waiter) throws InterruptedException {
        ConcurrencyGate probe = gate;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !waiter.isDone() && !probe.hasWaiters()) {
            Thread.sleep(5);
        }
        assertThat(probe.hasWaiters()).isTrue();
    }
}
