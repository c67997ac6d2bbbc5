package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.http.UpstreamHttpException;
import ai.dyad.gateway.wire.http.Upstream;
import java.time.Duration;
import okhttp3.Request;

/** A cheap check of an upstream: one GET of a small document, never a paid completion. */
@FunctionalInterface
public interface HealthProbe {

    Health probe(Upstream upstream);

    /** GETs a document below the base URL, such as the model list: free at every vendor and server. */
    static HealthProbe get(String path) {
        return upstream -> {
            long start = System.nanoTime();
            try {
                upstream.check(new Request.Builder().url(upstream.url(path)).get());
                return Health.healthy(upstream.displayName() + " answers", since(start));
            } catch (AdapterException e) {
                return Health.unhealthy(e.getMessage(), since(start));
            }
        };
    }

    /**
     * GETs a health endpoint at the server root (llama.cpp and vLLM have {@code /health}); falls back to
     * {@code fallbackPath} below the base URL where the server has none (LM Studio answers 404). A 503 —
     * llama.cpp still loading its model — counts as degraded, not down.
     */
    static HealthProbe rootHealth(String rootPath, String fallbackPath) {
        HealthProbe fallback = get(fallbackPath);
        return upstream -> {
            long start = System.nanoTime();
            try {
                upstream.check(
                        new Request.Builder().url(upstream.rootUrl(rootPath)).get());
                return Health.healthy(upstream.displayName() + " is up", since(start));
            } catch (UpstreamHttpException e) {
                if (e.status() == 404) {
                    return fallback.probe(upstream);
                }
                Health.Status status = e.status() == 503 ? Health.Status.DEGRADED : Health.Status.UNHEALTHY;
                return new Health(status, e.getMessage(), since(start));
            } catch (AdapterException e) {
                return Health.unhealthy(e.getMessage(), since(start));
            }
        };
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
