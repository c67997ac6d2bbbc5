package ai.dyad.gateway.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator tunes to run the gateway in production: metrics, logs, HTTP hygiene, the response cache
 * and shutdown. Read once at start by {@link ConfigLoader}.
 *
 * @param metricsEnabled whether {@code /metrics} exists and requests are measured ({@code METRICS_ENABLED})
 * @param shutdownGrace how long in-flight requests and streams may take to finish on SIGTERM
 */
public record OperationsConfig(
        boolean metricsEnabled, Logging logging, Http http, Cache cache, Duration shutdownGrace) {

    /** How log lines look and where they go. */
    public enum LogFormat {
        /** Readable lines, coloured when the console is a terminal. */
        DEV,
        /** One JSON object a line, for log aggregation. */
        JSON
    }

    /**
     * @param file a log file, rolled daily and by size; empty to log to the console only
     * @param requestLogging one access log line per request ({@code ENABLE_REQUEST_LOGGING})
     * @param logPrompts log chat request bodies at debug level; off unless asked for ({@code LOG_PROMPTS})
     */
    public record Logging(LogFormat format, Optional<Path> file, boolean requestLogging, boolean logPrompts) {}

    /**
     * @param corsOrigins the browser origins allowed to call the API; {@code *} for any; empty turns CORS off
     * @param requestParseTimeout the time a client has to send a request's headers once it started
     * @param requestBodyTimeout the time a client has to send a whole request body
     * @param noRequestTimeout how long an idle keep-alive connection stays open between requests
     * @param idleTimeout how long a connection may be silent both ways; always longer than a call may take,
     *     so a stream waiting for a slow model is never cut
     */
    public record Http(
            boolean securityHeaders,
            List<String> corsOrigins,
            boolean compression,
            boolean http2,
            Duration requestParseTimeout,
            Duration requestBodyTimeout,
            Duration noRequestTimeout,
            Duration idleTimeout) {}

    /**
     * @param enabled whether deterministic chat answers are served from the cache ({@code CACHE_ENABLED})
     * @param disabledProviders names of providers whose answers are never cached
     */
    public record Cache(boolean enabled, Duration ttl, int maxEntries, Set<String> disabledProviders) {}

    /** The defaults, as if no variable were set; for tests that build a config by hand. */
    public static OperationsConfig defaults() {
        return ConfigLoader.from(java.util.Map.of()).operations();
    }
}
