package ai.dyad.gateway.host.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(2, IntervalFunction.ofExponentialBackoff(100, 2.0));
    private final Duration plenty = Duration.ofMinutes(1);

    @Test
    void backsOffExponentiallyUpToMaxRetries() {
        AdapterException failure = new AdapterException(ErrorKind.UPSTREAM_ERROR, "500");
        assertThat(policy.delay(0, failure, plenty)).contains(Duration.ofMillis(100));
        assertThat(policy.delay(1, failure, plenty)).contains(Duration.ofMillis(200));
        assertThat(policy.delay(2, failure, plenty)).isEmpty();
    }

    @Test
    void jittersTheDefaultBackoff() {
        RetryPolicy jittered = RetryPolicy.exponential(3);
        AdapterException failure = new AdapterException(ErrorKind.TIMEOUT, "slow");
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.delay(0, failure, plenty).orElseThrow())
                    .isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
        }
    }

    @Test
    void honoursRetryAfter() {
        AdapterException busy =
                new AdapterException(ErrorKind.RATE_LIMITED, "429", null, null, Duration.ofSeconds(3), null);
        assertThat(policy.delay(0, busy, plenty)).contains(Duration.ofSeconds(3));
    }

    @Test
    void movesOnWhenTheWaitIsTooLongOrOutlastsTheDeadline() {
        AdapterException longWait =
                new AdapterException(ErrorKind.RATE_LIMITED, "429", null, null, Duration.ofSeconds(60), null);
        assertThat(policy.delay(0, longWait, plenty)).isEmpty();
        AdapterException failure = new AdapterException(ErrorKind.UNAVAILABLE, "refused");
        assertThat(policy.delay(0, failure, Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void neverRetriesANonRetryableError() {
        assertThat(policy.delay(0, new AdapterException(ErrorKind.INVALID_REQUEST, "400"), plenty))
                .isEmpty();
    }
}
