package ai.dyad.gateway.host.ratelimit;

/** Hears of each request a rate limit turns away (metrics count them). */
@FunctionalInterface
public interface RateLimitRejections {

    /** Ignores every rejection. */
    RateLimitRejections NONE = limit -> {};

    /** @param limit which limit refused: {@code requests} or {@code tokens} */
    void rejected(String limit);
}
