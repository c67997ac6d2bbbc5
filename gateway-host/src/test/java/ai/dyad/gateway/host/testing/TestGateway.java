package ai.dyad.gateway.host.testing;

import ai.dyad.gateway.host.Gateway;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.Store;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real gateway on a random loopback port, with the embedded store and the reactor's plugin jars in a
 * home folder of the test's own. Restart it by starting another on the same home.
 */
public final class TestGateway implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("(sk-dyad-[A-Za-z0-9_-]{43})");

    private final Gateway gateway;
    private final String adminKey;
    private final String console;

    private TestGateway(Gateway gateway, String adminKey, String console) {
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.console = console;
    }

    /** Starts a gateway on {@code home}; {@code knownKey} is the admin key of an earlier start, or null. */
    public static TestGateway start(Path home, String knownKey, Map<String, String> env) {
        installPlugins(home.resolve("plugins"));
        Map<String, String> config = new HashMap<>(env);
        config.putIfAbsent("PORT", "0");
        config.putIfAbsent("HOST", "127.0.0.1");
        // No default per-key request limit in tests unless a test asks for one: suites send many requests.
        config.putIfAbsent("RATE_LIMIT_MAX_REQUESTS", "0");
        config.put("DATA_DIR", home.resolve("data").toString());
        config.put("PLUGINS_DIR", home.resolve("plugins").toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Gateway gateway = Gateway.start(
                ConfigLoader.from(config), Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
        String printed = console.toString(StandardCharsets.UTF_8);
        Matcher key = KEY.matcher(printed);
        return new TestGateway(gateway, key.find() ? key.group(1) : knownKey, printed);
    }

    public static TestGateway start(Path home) {
        return start(home, null, Map.of());
    }

    /** Writes a provider straight into the store of a stopped gateway's home. */
    public static Provider seed(Path home, Provider provider) {
        try (Store store = Store.open(Optional.empty(), home.resolve("data"), Clock.systemUTC())) {
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

    /** The connection string of this gateway's store, to start a second gateway on the same data. */
    public String storeUrl() {
        return gateway.storeConnectionString();
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
