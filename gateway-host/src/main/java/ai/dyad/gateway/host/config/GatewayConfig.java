package ai.dyad.gateway.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's settings, read once at start from the environment (see {@link ConfigLoader}).
 *
 * @param mongodbUrl the MongoDB connection string; empty to run the embedded store under {@code dataDir}
 * @param redisUrl the Redis connection string; empty for in-process equivalents
 * @param operations metrics, logging, HTTP hygiene, cache and shutdown settings
 */
public record GatewayConfig(
        String host,
        int port,
        Optional<String> mongodbUrl,
        Optional<String> redisUrl,
        long maxRequestSize,
        Duration defaultTimeout,
        String logLevel,
        String apiKeyPrefix,
        Path pluginsDir,
        Path dataDir,
        OperationsConfig operations) {}
