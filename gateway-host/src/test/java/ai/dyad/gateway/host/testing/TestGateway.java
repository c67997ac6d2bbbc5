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

    /** A test script from {@code src/test/scripts}. */
    public static Path script(String name) {
        return Path.of(System.getProperty("dyad.test.scripts"), name).toAbsolutePath();
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

    /** The gateway itself, for tests of its lifecycle. */
    public Gateway gateway() {
        return gateway;
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
