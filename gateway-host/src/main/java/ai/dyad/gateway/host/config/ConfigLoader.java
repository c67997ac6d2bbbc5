package ai.dyad.gateway.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link GatewayConfig} from environment variables, with a {@code .env} file in the working
 * directory as the lower-priority source. Every value is checked here, once.
 */
public final class ConfigLoader {

    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

    private final Map<String, String> env;

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The process environment over the {@code .env} file of the working directory. */
    public static GatewayConfig fromEnvironment() {
        Map<String, String> merged = new HashMap<>(DotEnv.read(Path.of(".env")));
        merged.putAll(System.getenv());
        return from(merged);
    }

    /** A config from the given variables alone (tests use this). */
    public static GatewayConfig from(Map<String, String> env) {
        return new ConfigLoader(env).load();
    }

    private GatewayConfig load() {
        return new GatewayConfig(
                text("HOST", "127.0.0.1"),
                integer("PORT", 3000, 0, 65_535),
                url("MONGODB_URL", "mongodb://", "mongodb+srv://"),
                url("REDIS_URL", "redis://", "rediss://"),
                size("MAX_REQUEST_SIZE", "10mb"),
                Duration.ofMillis(integer("DEFAULT_TIMEOUT_MS", 120_000, 1, Integer.MAX_VALUE)),
                logLevel(),
                apiKeyPrefix(),
                Path.of(text("PLUGINS_DIR", "plugins")),
                Path.of(text("DATA_DIR", "data")),
                routing(),
                AuthConfig.read(this),
                RateLimitConfig.read(this),
                secretsKey(),
                secretsKeyPrevious(),
                Duration.ofMillis(integer("REGISTRY_REFRESH_MS", 1_000, 100, 3_600_000)),
                bool("PLUGINS_HOT_DEPLOY", true),
                size("PLUGIN_UPLOAD_MAX_SIZE", "64mb"),
                operations());
    }

    /**
     * Required with a real MongoDB: instances sharing a database must share the key, and a key generated per
     * machine would leave each instance unable to read the others' secrets.
     */
    private Optional<SecretText> secretsKey() {
        String value = env.get("SECRETS_KEY");
        if (value == null || value.isBlank()) {
            if (env.get("MONGODB_URL") != null && !env.get("MONGODB_URL").isBlank()) {
                throw new ConfigException("SECRETS_KEY is required when MONGODB_URL is set (every instance sharing"
                        + " the database needs the same key; generate one with: openssl rand -base64 32)");
            }
            return Optional.empty();
        }
        return Optional.of(aesKey("SECRETS_KEY", value.strip()));
    }

    private List<SecretText> secretsKeyPrevious() {
        String value = env.get("SECRETS_KEY_PREVIOUS");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .map(key -> aesKey("SECRETS_KEY_PREVIOUS", key))
                .toList();
    }

    private static SecretText aesKey(String name, String value) {
        try {
            byte[] key = Base64.getDecoder().decode(value.replace('-', '+').replace('_', '/'));
            if (key.length == 32) {
                return new SecretText(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        // The value itself is never echoed: it is meant to be a secret.
        throw new ConfigException(name + " must be 32 bytes in base64, such as the output of: openssl rand -base64 32");
    }

    private RoutingConfig routing() {
        RoutingConfig defaults = RoutingConfig.defaults();
        return new RoutingConfig(
                integer("MAX_RETRIES", defaults.maxRetries(), 0, 10),
                integer("CIRCUIT_BREAKER_THRESHOLD", defaults.circuitBreakerThreshold(), 1, 1_000),
                Duration.ofMillis(integer(
                        "CIRCUIT_BREAKER_TIMEOUT_MS",
                        (int) defaults.circuitBreakerTimeout().toMillis(),
                        1,
                        Integer.MAX_VALUE)),
                Duration.ofMillis(integer(
                        "HEALTH_CHECK_INTERVAL_MS",
                        (int) defaults.healthCheckInterval().toMillis(),
                        0,
                        Integer.MAX_VALUE)),
                bool("HEALTH_DETAILED_PUBLIC", defaults.healthDetailedPublic()));
    }

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    int integer(String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an integer from " + min + " to " + max + " (got '" + value + "')");
    }

    private boolean bool(String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false (got '" + value + "')");
        };
    }

    private Optional<String> url(String name, String... schemes) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (String scheme : schemes) {
            if (value.strip().startsWith(scheme)) {
                return Optional.of(value.strip());
            }
        }
        throw new ConfigException(
                name + " must start with " + String.join(" or ", schemes) + " (got a value that does not)");
    }

    private long size(String name, String fallback) {
        String value = text(name, fallback);
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(name + " must be a size such as 10mb, 512kb or 1048576 (got '" + value + "')");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        long bytes = number * factor;
        if (bytes < 1024 || bytes > 1024L * 1024 * 1024) {
            throw new ConfigException(name + " must be between 1kb and 1gb (got '" + value + "')");
        }
        return bytes;
    }

    private String logLevel() {
        String value = text("LOG_LEVEL", "info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(value)) {
            throw new ConfigException("LOG_LEVEL must be one of error, warn, info, debug, trace (got '" + value + "')");
        }
        return value;
    }

    private String apiKeyPrefix() {
        String value = text("API_KEY_PREFIX", "sk-dyad-");
        if (!KEY_PREFIX.matcher(value).matches()) {
            throw new ConfigException(
                    "API_KEY_PREFIX must be 1-32 characters of letters, digits, '-' or '_' (got '" + value + "')");
        }
        return value;
    }

    private OperationsConfig operations() {
        Duration defaultTimeout = Duration.ofMillis(integer("DEFAULT_TIMEOUT_MS", 120_000, 1, Integer.MAX_VALUE));
        return new OperationsConfig(
                bool("METRICS_ENABLED", true),
                new OperationsConfig.Logging(
                        logFormat(),
                        Optional.ofNullable(env.get("LOG_FILE"))
                                .filter(v -> !v.isBlank())
                                .map(v -> Path.of(v.strip())),
                        bool("ENABLE_REQUEST_LOGGING", true),
                        bool("LOG_PROMPTS", false)),
                new OperationsConfig.Http(
                        bool("HELMET_ENABLED", true),
                        corsOrigins(),
                        bool("COMPRESSION_ENABLED", true),
                        bool("ENABLE_HTTP2", true),
                        millis("REQUEST_PARSE_TIMEOUT_MS", 10_000),
                        millis("REQUEST_BODY_TIMEOUT_MS", 60_000),
                        millis("NO_REQUEST_TIMEOUT_MS", 60_000),
                        idleTimeout(defaultTimeout)),
                new OperationsConfig.Cache(
                        bool("CACHE_ENABLED", true),
                        millis("CACHE_TTL_MS", 300_000),
                        integer("CACHE_MAX_ENTRIES", 1_000, 1, 10_000_000),
                        Set.copyOf(list("CACHE_DISABLED_PROVIDERS"))),
                millis("SHUTDOWN_GRACE_MS", 30_000));
    }

    private Duration millis(String name, int fallback) {
        return Duration.ofMillis(integer(name, fallback, 1, Integer.MAX_VALUE));
    }

    private java.util.List<String> list(String name) {
        return java.util.Arrays.stream(text(name, "").split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private OperationsConfig.LogFormat logFormat() {
        String value = text("LOG_FORMAT", "dev").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "dev" -> OperationsConfig.LogFormat.DEV;
            case "json" -> OperationsConfig.LogFormat.JSON;
            default -> throw new ConfigException("LOG_FORMAT must be dev or json (got '" + value + "')");
        };
    }

    private java.util.List<String> corsOrigins() {
        java.util.List<String> origins = list("CORS_ORIGIN");
        for (String origin : origins) {
            boolean any = "*".equals(origin) && origins.size() == 1;
            if (!any && !ORIGIN.matcher(origin).matches()) {
                throw new ConfigException("CORS_ORIGIN must be * or a comma-separated list of origins such as"
                        + " https://app.example.com (got '" + origin + "')");
            }
        }
        return origins;
    }

    private Duration idleTimeout(Duration defaultTimeout) {
        if (text("IDLE_TIMEOUT_MS", "").isEmpty()) {
            return defaultTimeout.plusSeconds(60);
        }
        Duration idle = millis("IDLE_TIMEOUT_MS", 1);
        if (idle.compareTo(defaultTimeout) <= 0) {
            throw new ConfigException("IDLE_TIMEOUT_MS must be longer than DEFAULT_TIMEOUT_MS ("
                    + defaultTimeout.toMillis() + "), or a stream waiting for a slow model would be cut (got '"
                    + idle.toMillis() + "')");
        }
        return idle;
    }
}
