package ai.dyad.gateway.host.ratelimit;

import java.time.Duration;

/**
 * One counter to check and charge: at most {@code max} units per window of {@code window}, where a window
 * opens with the first charge to the bucket and its count resets when it closes.
 *
 * @param bucket the counter's name, shared by every gateway instance
 * @param cost units to charge now; 0 only reads the counter
 */
public record WindowLimit(String bucket, Duration window, long max, long cost) {}
