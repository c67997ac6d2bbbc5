package ai.dyad.gateway.host.ratelimit;

import java.util.List;

/**
 * The answer to one all-or-nothing admission over several counters.
 *
 * @param admitted whether every counter had room, and so every counter was charged
 * @param states one per requested limit, in the same order
 * @param store where the counters live, for adjusting a charge later
 */
public record Admission(boolean admitted, List<WindowState> states, LimitStore store) {}
