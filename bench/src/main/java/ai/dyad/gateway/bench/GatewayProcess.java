package ai.dyad.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The gateway from the built distribution, on its own data and plugins folders. */
final class GatewayProcess {

    private static final Pattern KEY = Pattern.compile("(sk-dyad-[A-Za-z0-9_-]{43})");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int port;
    private final String key;
    private final Duration startup;
    private final Path pluginsDir;

    private GatewayProcess(Process process, int port, String key, Duration startup, Path pluginsDir) {
        this.process = process;
        this.port = port;
        this.key = key;
        this.startup = startup;
        this.pluginsDir = pluginsDir;
    }

    /**
     * Starts {@code bin/dyad-gateway} with the relay-only defaults below; {@code extraEnv} overrides them
     * (e.g. {@code JAVA_OPTS}, {@code REDIS_URL}, {@code RATE_LIMIT_MAX_REQUESTS}).
     */
    static GatewayProcess start(Procs procs, Path root, Path work, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        int port = Procs.freePort();
        Path home = root.resolve("dist/target/dyad-gateway/dyad-gateway");
        Path plugins = Files.createDirectories(work.resolve("plugins-" + port));
        try (Stream<Path> jars = Files.list(home.resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("PORT", String.valueOf(port));
        env.put("DATA_DIR", work.resolve("data-" + port).toString());
        env.put("PLUGINS_DIR", plugins.toString());
        env.put("LOG_LEVEL", "warn");
        // The relay path is measured here; per-key limits and their cost are measured on their own (scenario 6).
        env.putIfAbsent("RATE_LIMIT_MAX_REQUESTS", "0");
        env.putIfAbsent("ENABLE_REQUEST_LOGGING", "false");
        long started = System.nanoTime();
        Process process = procs.start(
                "gateway-" + port, List.of(home.resolve("bin/dyad-gateway").toString()), env);
        Duration startup = Procs.awaitHttp("http://127.0.0.1:" + port + "/health", started, Duration.ofSeconds(60));
        Matcher key = KEY.matcher(Files.readString(procs.log("gateway-" + port)));
        if (!key.find()) {
            throw new IllegalStateException("the gateway printed no admin key");
        }
        return new GatewayProcess(process, port, key.group(1), startup, plugins);
    }

    /** Registers an OpenAI-compatible provider (the http-sdk adapter) for a stub upstream. */
    void addOpenAiProvider(String name, String modelId, int stubPort) throws IOException, InterruptedException {
        addProvider(name, modelId, "http-sdk", """
                {"vendor":"openai","baseUrl":"http://127.0.0.1:%d/v1","apiKey":"unused"}""".formatted(stubPort));
    }

    /**
     * Registers a stub upstream through the proxy adapter speaking HTTP/2 from the first byte (h2c), so all
     * of the model's calls share one connection.
     */
    void addH2cProxyProvider(String name, String modelId, int stubPort) throws IOException, InterruptedException {
        addProvider(name, modelId, "proxy", """
                {"endpoint":"http://127.0.0.1:%d/v1","http2PriorKnowledge":true}""".formatted(stubPort));
    }

    private void addProvider(String name, String modelId, String type, String config)
            throws IOException, InterruptedException {
        String body = """
                {"name":"%s","type":"%s","config":%s,
                 "models":[{"modelId":"%s","adapterModelId":"stub"}]}""".formatted(name, type, config, modelId);
        HttpResponse<String> response = admin("POST", "/admin/providers", body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("could not create provider " + name + ": " + response.body());
        }
    }

    /** One admin API call with the gateway's admin key; {@code body} is JSON or null. */
    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One non-streaming chat request for {@code model}. */
    HttpResponse<String> chat(String model, String prompt) throws IOException, InterruptedException {
        String body =
                "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}".formatted(model, prompt);
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(chatUrl()))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops this gateway before the run ends, so it does not share the CPU with later scenarios. */
    void stop(Procs procs) throws InterruptedException {
        procs.stop(process);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String chatUrl() {
        return baseUrl() + "/v1/chat/completions";
    }

    String key() {
        return key;
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + key);
    }

    Duration startup() {
        return startup;
    }

    long pid() {
        // bin/dyad-gateway execs java, so the launcher's pid is the JVM's.
        return process.pid();
    }

    Path pluginsDir() {
        return pluginsDir;
    }
}
