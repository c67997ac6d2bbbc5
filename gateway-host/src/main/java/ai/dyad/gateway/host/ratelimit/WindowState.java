package ai.dyad.gateway.host.ratelimit;

import java.time.Duration;

/**
 * A counter as one admission left it.
 *
 * @param used units counted in the current window, including this admission's cost if it was admitted
 * @param resetIn until the current window closes (the whole window when none is open)
 * @param windowId which window was charged, so a later adjustment lands in the same one; empty if none
 */
public record WindowState(long max, long used, Duration resetIn, String windowId) {

    public long remaining() {
        return Math.max(0, max - used);
    }
}
