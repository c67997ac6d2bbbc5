package ai.dyad.gateway.host.testing;

import ai.dyad.gateway.host.Gateway;
import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real gateway on a random loopback port, with the embedded store and the reactor's plugin jars in a
 * home folder of the test's own. Restart it by starting another on the same home.
 *
 * <p>With {@code MONGODB_URL} set (as a system property or environment variable) the gateways use that
 * MongoDB instead, each home with a database of its own, and a fixed test {@code SECRETS_KEY}.
 */
public final class TestGateway implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("(sk-dyad-[A-Za-z0-9_-]{43})");
    /** The secrets key tests use with a shared MongoDB (which requires one); 32 bytes in base64. */
    public static final String TEST_SECRETS_KEY = "dGVzdC1zZWNyZXRzLWtleS0wMTIzNDU2Nzg5YWJjZGU=";

    private final Gateway gateway;
    private final String adminKey;
    private final String console;
    private final String storeUrl;

    private TestGateway(Gateway gateway, String adminKey, String console, String storeUrl) {
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.console = console;
        this.storeUrl = storeUrl;
    }

    /** Starts a gateway on {@code home}; {@code knownKey} is the admin key of an earlier start, or null. */
    public static TestGateway start(Path home, String knownKey, Map<String, String> env) {
        installPlugins(home.resolve("plugins"));
        Map<String, String> config = new HashMap<>(env);
        config.putIfAbsent("PORT", "0");
        config.putIfAbsent("HOST", "127.0.0.1");
        // No default per-key request limit in tests unless a test asks for one: suites send many requests.
        config.putIfAbsent("RATE_LIMIT_MAX_REQUESTS", "0");
        // No response cache unless a test asks for one: suites repeat identical temperature-0 requests and
        // expect each to reach a provider (counted calls, fallbacks, limits).
        config.putIfAbsent("CACHE_ENABLED", "false");
        config.put("DATA_DIR", home.resolve("data").toString());
        config.put("PLUGINS_DIR", home.resolve("plugins").toString());
        sharedMongo().ifPresent(url -> {
            config.putIfAbsent("MONGODB_URL", databaseUrl(url, home));
            config.putIfAbsent("SECRETS_KEY", TEST_SECRETS_KEY);
        });
        if (config.containsKey("MONGODB_URL")) {
            // A gateway on another's store (a second instance) needs a secrets key, as in production.
            config.putIfAbsent("SECRETS_KEY", TEST_SECRETS_KEY);
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Gateway gateway = Gateway.start(
                ConfigLoader.from(config), Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
        String printed = console.toString(StandardCharsets.UTF_8);
        Matcher key = KEY.matcher(printed);
        return new TestGateway(gateway, key.find() ? key.group(1) : knownKey, printed, config.get("MONGODB_URL"));
    }

    public static TestGateway start(Path home) {
        return start(home, null, Map.of());
    }

    /** Writes a provider straight into the store of a stopped gateway's home. */
    public static Provider seed(Path home, Provider provider) {
        try (Store store =
                Store.open(sharedMongo().map(url -> databaseUrl(url, home)), home.resolve("data"), Clock.systemUTC())) {
            return store.providers().insert(provider);
        }
    }

    /** Writes several providers into the store of a stopped gateway's home, opening it once. */
    public static void seedAll(Path home, java.util.List<Provider> providers) {
        try (Store store = Store.open(Optional.empty(), home.resolve("data"), Clock.systemUTC())) {
            providers.forEach(store.providers()::insert);
        }
    }

    /** A test script from {@code src/test/scripts}. */
    public static Path script(String name) {
        return Path.of(System.getProperty("dyad.test.scripts"), name).toAbsolutePath();
    }

    /** The running gateway itself (its store and provider runtime), for tests that change the registry live. */
    public Gateway gateway() {
        return gateway;
    }

    /**
     * The MongoDB the tests run against instead of the embedded store ({@code MONGODB_URL} as a system
     * property or environment variable), if any.
     */
    public static Optional<String> sharedMongo() {
        String url = System.getProperty("MONGODB_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("MONGODB_URL");
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    /** {@code baseUrl} with the database of {@code home}: one per home, the same across restarts. */
    public static String databaseUrl(String baseUrl, Path home) {
        String database = "dyad_test_"
                + Integer.toHexString(home.toAbsolutePath().toString().hashCode());
        int hostsStart = baseUrl.indexOf("://") + 3;
        int slash = baseUrl.indexOf('/', hostsStart);
        int query = baseUrl.indexOf('?', hostsStart);
        int hostsEnd = slash >= 0 ? slash : query >= 0 ? query : baseUrl.length();
        return baseUrl.substring(0, hostsEnd) + "/" + database + (query >= 0 ? baseUrl.substring(query) : "");
    }

    /** A connection string for this gateway's store: the embedded server's, or the shared MongoDB's. */
    public String storeUrl() {
        return gateway.embeddedStoreUrl().orElseGet(() -> storeUrl);
    }

    public String adminKey() {
        return adminKey;
    }

    /** What the gateway printed to its console at start. */
    public String console() {
        return console;
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The official OpenAI Java SDK pointed at this gateway with the admin key. */
    public OpenAIClient openAi() {
        return openAi(adminKey);
    }

    public OpenAIClient openAi(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }

    /** The gateway's metrics (readable after close too). */
    public ai.dyad.gateway.host.metrics.GatewayMetrics metrics() {
        return gateway.metrics();
    }

    /** Every route the gateway answers. */
    public java.util.List<ai.dyad.gateway.host.http.RouteTemplate> routes() {
        return gateway.routes();
    }

    /**
     * Writes a new API key with the given permissions straight into the running gateway's store (as another
     * instance or a tool would), announces it through the change counters and waits until the gateway
     * accepts it.
     */
    public String addKey(String name, Set<String> permissions) {
        ApiKeySecrets secrets = new ApiKeySecrets("sk-dyad-");
        String secret = secrets.newSecret();
        try (Store store = Store.open(Optional.of(storeUrl()), Path.of("unused"), Clock.systemUTC())) {
            store.apiKeys()
                    .insert(new ApiKey(
                            null,
                            name,
                            secrets.visiblePrefix(secret),
                            ApiKeySecrets.hash(secret),
                            permissions,
                            true,
                            null));
            store.changeCounters().bump(ChangeKind.API_KEYS.wireName());
        }
        AdminClient client = new AdminClient(baseUrl(), secret);
        Ask.eventually(Duration.ofSeconds(15), () -> client.get("/providers").status() != 401, "the new key is known");
        return secret;
    }

    /** An admin API client with this gateway's admin key. */
    public AdminClient admin() {
        return new AdminClient(baseUrl(), adminKey);
    }

    @Override
    public void close() {
        gateway.close();
    }

    private static void installPlugins(Path pluginsDir) {
        try {
            Files.createDirectories(pluginsDir);
            try (Stream<Path> jars = Files.list(Path.of(System.getProperty("dyad.test.plugins")))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, pluginsDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
