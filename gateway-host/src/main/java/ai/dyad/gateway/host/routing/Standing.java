package ai.dyad.gateway.host.routing;

/** How much the router trusts a provider right now, from its health; better standings are tried first. */
public enum Standing {
    /** Healthy, or not yet checked: no reason to avoid it. */
    GOOD,
    /** Working, but slow or failing now and then: tried after the good ones of its priority. */
    DEGRADED,
    /** Failing: tried only after every other candidate, whatever its priority. */
    BAD;

    /** Tells the standing of a provider by id. */
    @FunctionalInterface
    public interface Source {
        Standing of(String providerId);
    }
}
