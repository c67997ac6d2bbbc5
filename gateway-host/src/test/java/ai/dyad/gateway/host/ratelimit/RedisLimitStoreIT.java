package ai.dyad.gateway.host.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

/** The Lua-script counters against a real redis-server, shared by two clients as two instances would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RedisLimitStoreIT {

    private TestRedis redis;
    private RedissonClient first;
    private RedissonClient second;

    @BeforeAll
    void start() {
        redis = TestRedis.start();
        first = RedisConnection.open(Optional.of(redis.url())).orElseThrow();
        second = RedisConnection.open(Optional.of(redis.url())).orElseThrow();
    }

    @AfterAll
    void stop() {
        first.shutdown();
        second.shutdown();
        redis.close();
    }

    private static String bucket() {
        return "test:{" + UUID.randomUUID() + "}:req";
    }

    @Test
    void twoClientsTogetherAdmitExactlyTheLimit() throws Exception {
        String bucket = bucket();
        List<LimitStore> stores = List.of(
                new RedisLimitStore(first, Duration.ofSeconds(5)), new RedisLimitStore(second, Duration.ofSeconds(5)));
        AtomicInteger admitted = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                LimitStore store = stores.get(t % 2);
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        if (store.admit(List.of(new WindowLimit(bucket, Duration.ofMinutes(1), 97, 1)))
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
        assertThat(admitted).hasValue(97);
    }

    @Test
    void reportsUsageAndTimeToResetAndRefusesAllOrNothing() {
        RedisLimitStore store = new RedisLimitStore(first, Duration.ofSeconds(5));
        String requests = bucket();
        String tokens = requests.replace(":req", ":tok");
        Admission first = store.admit(List.of(
                new WindowLimit(requests, Duration.ofSeconds(30), 5, 1),
                new WindowLimit(tokens, Duration.ofSeconds(60), 100, 70)));
        assertThat(first.admitted()).isTrue();
        assertThat(first.states().get(0).used()).isEqualTo(1);
        assertThat(first.states().get(0).resetIn()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
        assertThat(first.states().get(1).remaining()).isEqualTo(30);
        Admission refused = store.admit(List.of(
                new WindowLimit(requests, Duration.ofSeconds(30), 5, 1),
                new WindowLimit(tokens, Duration.ofSeconds(60), 100, 70)));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.states().get(0).used()).isEqualTo(1);
        assertThat(refused.states().get(1).used()).isEqualTo(70);
    }

    @Test
    void admissionsSentTogetherAreEachAllOrNothing() {
        RedisLimitStore store = new RedisLimitStore(first, Duration.ofSeconds(5));
        // Two callers with their own request and token counters; the second has room for fewer calls.
        List<List<String>> callers = List.of(List.of(bucket(), bucket()), List.of(bucket(), bucket()));
        long[] tokenLimits = {1000, 600};
        // Asked all at once without waiting, so most wait behind the first calls and go to Redis together.
        List<CompletableFuture<Admission>> answers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            List<String> counters = callers.get(i % 2);
            answers.add(store.admitAsync(List.of(
                            new WindowLimit(counters.get(0), Duration.ofMinutes(1), 100, 1),
                            new WindowLimit(counters.get(1), Duration.ofMinutes(1), tokenLimits[i % 2], 50)))
                    .toCompletableFuture());
        }
        for (int caller = 0; caller < 2; caller++) {
            long room = tokenLimits[caller] / 50;
            List<Long> admittedAsNumber = new ArrayList<>();
            for (int i = caller; i < answers.size(); i += 2) {
                Admission admission = answers.get(i).join();
                if (admission.admitted()) {
                    admittedAsNumber.add(admission.states().get(0).used());
                    assertThat(admission.states().get(1).used())
                            .isEqualTo(50 * admission.states().get(0).used());
                } else {
                    // Refused for tokens, so the request counter was not charged either.
                    assertThat(admission.states().get(0).used()).isEqualTo(room);
                    assertThat(admission.states().get(1).used()).isEqualTo(tokenLimits[caller]);
                }
            }
            assertThat(admittedAsNumber)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, room).boxed().toList());
        }
    }

    @Test
    void settlesAReservationInTheWindowItWasChargedTo() {
        RedisLimitStore store = new RedisLimitStore(second, Duration.ofSeconds(5));
        String tokens = bucket();
        WindowState reserved = store.admit(List.of(new WindowLimit(tokens, Duration.ofMinutes(1), 1000, 400)))
                .states()
                .getFirst();
        store.adjust(tokens, reserved.windowId(), 25 - 400);
        store.adjust(tokens, "some-older-window", -100);
        WindowState now = store.admit(List.of(new WindowLimit(tokens, Duration.ofMinutes(1), 1000, 0)))
                .states()
                .getFirst();
        assertThat(now.used()).isEqualTo(25);
        assertThat(now.windowId()).isEqualTo(reserved.windowId());
    }

    @Test
    void opensANewWindowWhenTheOldOneExpires() throws Exception {
        RedisLimitStore store = new RedisLimitStore(first, Duration.ofSeconds(5));
        String bucket = bucket();
        WindowLimit limit = new WindowLimit(bucket, Duration.ofMillis(300), 1, 1);
        assertThat(store.admit(List.of(limit)).admitted()).isTrue();
        assertThat(store.admit(List.of(limit)).admitted()).isFalse();
        Thread.sleep(400);
        assertThat(store.admit(List.of(limit)).admitted()).isTrue();
    }
}
