package ai.dyad.gateway.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's settings, read once at start from the environment (see {@link ConfigLoader}).
 *
 * @param mongodbUrl the MongoDB connection string; empty to run the embedded store under {@code dataDir}
 * @param redisUrl the Redis connection string; empty for in-process equivalents
 * @param routing retries, circuit breakers and health checks
 * @param auth admin logins (JWT secret and lifetimes, bootstrap admin user)
 * @param rateLimits the default per-key request limit
 * @param secretsKey the AES-256 key (base64) that encrypts provider secrets at rest; empty to use the
 *     development key kept under {@code dataDir}
 * @param secretsKeyPrevious earlier keys, still accepted for decrypting values written before a rotation
 * @param registryRefresh how often an instance checks the store for registry changes made elsewhere
 * @param pluginsHotDeploy whether the plugins folder is watched, so jars added, replaced or removed take effect
 *     while the gateway runs
 * @param pluginUploadMaxSize the largest plugin jar {@code POST /admin/plugins} accepts, in bytes
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
        RoutingConfig routing,
        AuthConfig auth,
        RateLimitConfig rateLimits,
        Optional<SecretText> secretsKey,
        List<SecretText> secretsKeyPrevious,
        Duration registryRefresh,
        boolean pluginsHotDeploy,
        long pluginUploadMaxSize,
        OperationsConfig operations) {}
