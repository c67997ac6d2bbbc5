package ai.dyad.gateway.host.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
