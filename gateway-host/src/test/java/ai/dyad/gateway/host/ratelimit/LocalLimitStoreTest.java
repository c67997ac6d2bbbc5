package ai.dyad.gateway.host.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalLimitStoreTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LocalLimitStore store = new LocalLimitStore(clock);

    private static WindowLimit requests(long cost) {
        return new WindowLimit("k:req", Duration.ofSeconds(60), 3, cost);
    }

    @Test
    void admitsUpToTheLimitThenRefusesUntilTheWindowCloses() {
        for (int i = 1; i <= 3; i++) {
            Admission admission = store.admit(List.of(requests(1)));
            assertThat(admission.admitted()).isTrue();
            assertThat(admission.states().getFirst().remaining()).isEqualTo(3 - i);
        }
        clock.advance(Duration.ofSeconds(20));
        Admission refused = store.admit(List.of(requests(1)));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.states().getFirst().resetIn()).isEqualTo(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(store.admit(List.of(requests(1))).admitted()).isTrue();
    }

    @Test
    void chargesSeveralCountersAllOrNothing() {
        WindowLimit tokens = new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 80);
        assertThat(store.admit(List.of(requests(1), tokens)).admitted()).isTrue();
        Admission refused = store.admit(List.of(requests(1), tokens));
        assertThat(refused.admitted()).isFalse();
        // The request counter was not charged for the refused admission.
        assertThat(refused.states().get(0).used()).isEqualTo(1);
        assertThat(refused.states().get(1).used()).isEqualTo(80);
    }

    @Test
    void aZeroCostLimitOnlyReadsTheCounter() {
        Admission peek = store.admit(List.of(requests(0)));
        assertThat(peek.admitted()).isTrue();
        assertThat(peek.states().getFirst().used()).isZero();
        assertThat(peek.states().getFirst().resetIn()).isEqualTo(Duration.ofSeconds(60));
        assertThat(store.admit(List.of(requests(1))).states().getFirst().used()).isEqualTo(1);
    }

    @Test
    void settlesAReservationToTheRealUsage() {
        WindowLimit reserve = new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 60);
        WindowState state = store.admit(List.of(reserve)).states().getFirst();
        store.adjust("k:tok", state.windowId(), 12 - 60);
        WindowState after = store.admit(List.of(new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 0)))
                .states()
                .getFirst();
        assertThat(after.used()).isEqualTo(12);
    }

    @Test
    void dropsARefundForAClosedWindowButChargesExtraToTheOpenOne() {
        WindowLimit reserve = new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 50);
        String first = store.admit(List.of(reserve)).states().getFirst().windowId();
        clock.advance(Duration.ofSeconds(61));
        store.admit(List.of(new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 10)));
        store.adjust("k:tok", first, -50);
        store.adjust("k:tok", first, 5);
        WindowState now = store.admit(List.of(new WindowLimit("k:tok", Duration.ofSeconds(60), 100, 0)))
                .states()
                .getFirst();
        assertThat(now.used()).isEqualTo(15);
    }

    @Test
    void admitsExactlyTheLimitUnderConcurrency() throws Exception {
        LocalLimitStore shared = new LocalLimitStore(Clock.systemUTC());
        AtomicInteger admitted = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        if (shared.admit(List.of(new WindowLimit("c", Duration.ofMinutes(1), 137, 1)))
                                .admitted()) {
                            admitted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(admitted).hasValue(137);
    }
}
