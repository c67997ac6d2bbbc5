package ai.dyad.gateway.host.resilience;

import ai.dyad.gateway.api.AdapterException;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Optional;

/**
 * When to try the same provider again: only after a retryable failure, at most {@code MAX_RETRIES} times,
 * after an exponential backoff with jitter, or after the upstream's {@code retry-after} when it sent one;
 * never when the wait would not end before the request's deadline.
 */
public final class RetryPolicy {

    /** A longer {@code retry-after} is better spent on another provider than waited out. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final int maxRetries;
    private final IntervalFunction backoff;

    RetryPolicy(int maxRetries, IntervalFunction backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    /** 200 ms, then doubling, each randomised by ±50 %, capped at 5 s. */
    public static RetryPolicy exponential(int maxRetries) {
        return new RetryPolicy(maxRetries, IntervalFunction.ofExponentialRandomBackoff(200, 2.0, 0.5, 5_000));
    }

    /**
     * The wait before retrying the provider that just failed, or empty to move on to the next one.
     *
     * @param retriesSoFar retries already made on this provider for this request
     * @param remaining time left before the request's deadline
     */
    public Optional<Duration> delay(int retriesSoFar, AdapterException failure, Duration remaining) {
        if (retriesSoFar >= maxRetries || !failure.kind().retryable()) {
            return Optional.empty();
        }
        Duration wait = failure.retryAfter().orElseGet(() -> Duration.ofMillis(backoff.apply(retriesSoFar + 1)));
        if (wait.compareTo(LONGEST_WAIT) > 0 || wait.compareTo(remaining) >= 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
