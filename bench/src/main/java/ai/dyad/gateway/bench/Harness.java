package ai.dyad.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark run: starts stub upstreams, the gateway from the built distribution and (when installed)
 * Portkey's gateway, measures each scenario directly against the stub and through both gateways, and
 * writes the table to {@code bench/results/<date>.md}. It never judges speed; it fails only when
 * requests fail. Usage: {@code Harness <repoRoot>}; knobs: BENCH_SECONDS, BENCH_RATE, BENCH_STREAMS.
 */
public final class Harness {

    static final int FAST = 18081;
    static final int PACED = 18082;
    static final int SLOW = 18083;
    static final int GATEWAY = 18080;
    static final int PORTKEY = 18787;
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

    private final Path root;
    private final Path work;
    private final Procs procs;
    private final Report report = new Report();
    private final int seconds = env("BENCH_SECONDS", 10);
    private final int rate = env("BENCH_RATE", 1000);
    private final int streams = env("BENCH_STREAMS", 10_000);
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final String benchJar;
    private boolean portkey;
    private GatewayProcess gateway;
    private long failures;

    private Harness(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.procs = new Procs(work.resolve("logs"));
        this.benchJar = root.resolve("bench/target/bench.jar").toString();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("dyad-bench");
        Harness harness = new Harness(root, work);
        int exit;
        try (harness.procs) {
            exit = harness.run();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        startStubs();
        gateway = GatewayProcess.start(procs, root, work, GATEWAY, Map.of());
        report.add(
                "7 start-up",
                "start to first served request",
                "ms",
                Double.NaN,
                gateway.startup().toMillis(),
                Double.NaN);
        gateway.addOpenAiProvider("stub-fast", "fast", FAST);
        gateway.addOpenAiProvider("stub-paced", "paced", PACED);
        gateway.addOpenAiProvider("stub-slow", "slow", SLOW);
        portkey = startPortkey();

        throughput();
        fixedRate();
        streaming();
        spawnCli();
        manyStreams();

        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        String table = report.markdown(
                "## Benchmark " + date + " (" + Runtime.getRuntime().availableProcessors()
                        + " cores, all processes on one machine; " + seconds + " s per load run)");
        Path results = Files.createDirectories(root.resolve("bench/results"));
        Files.writeString(results.resolve(date + ".md"), table);
        System.out.println(table);
        System.out.println("logs: " + work.resolve("logs"));
        if (failures > 0) {
            System.out.println("FAILED: " + failures + " requests failed");
            return 1;
        }
        return 0;
    }

    private void startStubs() throws Exception {
        int[][] stubs = {{FAST, 20, 0}, {PACED, 20, 20}, {SLOW, 10, 1000}};
        for (int[] stub : stubs) {
            procs.start(
                    "stub-" + stub[0],
                    List.of(
                            java,
                            "-Xmx256m",
                            "-cp",
                            benchJar,
                            StubUpstream.class.getName(),
                            String.valueOf(stub[0]),
                            String.valueOf(stub[1]),
                            String.valueOf(stub[2])),
                    Map.of());
            Procs.awaitHttp("http://127.0.0.1:" + stub[0] + "/v1/models", System.nanoTime(), Duration.ofSeconds(30));
        }
    }

    private boolean startPortkey() throws Exception {
        Path server = root.resolve("bench/node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!Files.exists(server)) {
            report.note("Portkey not installed (bench/run installs it with npm); its columns are empty.");
            return false;
        }
        procs.start("portkey", List.of("node", server.toString(), "--port=" + PORTKEY, "--headless"), Map.of());
        procs.awaitLog("portkey", String.valueOf(PORTKEY), Duration.ofSeconds(60));
        return true;
    }

    private Map<String, String> portkeyHeaders(int stubPort) {
        return Map.of(
                "x-portkey-provider",
                "openai",
                "x-portkey-custom-host",
                "http://127.0.0.1:" + stubPort + "/v1",
                "Authorization",
                "Bearer unused");
    }

    /** Scenario 1: non-streaming chat at 64 connections. */
    private void throughput() throws Exception {
        Wrk wrk = new Wrk(procs, root.resolve("bench/wrk/post.lua"));
        Wrk.Result direct = wrk.run("wrk-direct", stub(FAST), CHAT.formatted("stub"), Map.of(), 64, seconds);
        Wrk.Result dyad = wrk.run("wrk-dyad", gateway.chatUrl(), CHAT.formatted("fast"), gateway.auth(), 64, seconds);
        Wrk.Result peer = portkey
                ? wrk.run(
                        "wrk-portkey",
                        "http://127.0.0.1:" + PORTKEY + "/v1/chat/completions",
                        CHAT.formatted("stub"),
                        portkeyHeaders(FAST),
                        64,
                        seconds)
                : new Wrk.Result(Double.NaN, Double.NaN, Double.NaN, 0);
        failures += direct.errors() + dyad.errors();
        notePeerErrors("scenario 1", peer.errors());
        report.add(
                "1 chat c=64",
                "requests/s",
                "req/s",
                direct.requestsPerSecond(),
                dyad.requestsPerSecond(),
                peer.requestsPerSecond());
        report.add("1 chat c=64", "p50 latency", "µs", direct.p50Us(), dyad.p50Us(), peer.p50Us());
        report.add("1 chat c=64", "p99 latency", "µs", direct.p99Us(), dyad.p99Us(), peer.p99Us());
        report.note(String.format(
                "scenario 1 added latency through Dyad: p50 %+.0f µs, p99 %+.0f µs",
                dyad.p50Us() - direct.p50Us(), dyad.p99Us() - direct.p99Us()));
    }

    /** Scenario 2: a fixed rate well below saturation; added latency percentiles. */
    private void fixedRate() throws Exception {
        Map<String, Double> direct =
                probe("rate-direct", RateProbe.class, stub(FAST), "-", CHAT.formatted("stub"), rate, seconds);
        Map<String, Double> dyad = probe(
                "rate-dyad",
                RateProbe.class,
                gateway.chatUrl(),
                "Bearer " + gateway.key(),
                CHAT.formatted("fast"),
                rate,
                seconds);
        Map<String, Double> peer = portkey
                ? probe(
                        "rate-portkey",
                        RateProbe.class,
                        "http://127.0.0.1:" + PORTKEY + "/v1/chat/completions",
                        "Bearer unused",
                        CHAT.formatted("stub"),
                        rate,
                        seconds,
                        "x-portkey-provider|openai|x-portkey-custom-host|http://127.0.0.1:" + FAST + "/v1")
                : Map.of();
        failures += direct.get("errors").longValue() + dyad.get("errors").longValue();
        notePeerErrors("scenario 2", peer.getOrDefault("errors", 0.0).longValue());
        for (String p : List.of("p50Us", "p99Us", "p999Us")) {
            report.add(
                    "2 chat at " + rate + "/s",
                    p.replace("Us", "").replace("p999", "p99.9") + " latency",
                    "µs",
                    direct.get(p),
                    dyad.get(p),
                    peer.getOrDefault(p, Double.NaN));
        }
        report.note(String.format(
                "scenario 2 added latency through Dyad: p50 %+.0f µs, p99 %+.0f µs, p99.9 %+.0f µs",
                dyad.get("p50Us") - direct.get("p50Us"),
                dyad.get("p99Us") - direct.get("p99Us"),
                dyad.get("p999Us") - direct.get("p999Us")));
    }

    /** Scenario 3: time to first chunk and gaps between chunks of a paced stream (20 chunks, 20 ms apart). */
    private void streaming() throws Exception {
        int requests = Math.max(20, seconds * 3);
        Map<String, Double> direct = probe(
                "stream-direct", StreamProbe.class, "http://127.0.0.1:" + PACED + "/v1", "none", "stub", requests);
        Map<String, Double> dyad =
                probe("stream-dyad", StreamProbe.class, gateway.baseUrl() + "/v1", gateway.key(), "paced", requests);
        failures += direct.get("errors").longValue() + dyad.get("errors").longValue();
        report.add(
                "3 stream",
                "time to first chunk p50",
                "µs",
                direct.get("ttfbP50Us"),
                dyad.get("ttfbP50Us"),
                Double.NaN);
        report.add(
                "3 stream",
                "time to first chunk p99",
                "µs",
                direct.get("ttfbP99Us"),
                dyad.get("ttfbP99Us"),
                Double.NaN);
        report.add(
                "3 stream",
                "gap between chunks, mean",
                "µs",
                direct.get("gapMeanUs"),
                dyad.get("gapMeanUs"),
                Double.NaN);
        report.add(
                "3 stream", "gap between chunks, p99", "µs", direct.get("gapP99Us"), dyad.get("gapP99Us"), Double.NaN);
        Map<String, Double> fastDirect = probe(
                "stream-fast-direct", StreamProbe.class, "http://127.0.0.1:" + FAST + "/v1", "none", "stub", requests);
        Map<String, Double> fastDyad = probe(
                "stream-fast-dyad", StreamProbe.class, gateway.baseUrl() + "/v1", gateway.key(), "fast", requests);
        report.add(
                "3 stream (no delay)",
                "chunks/s of one stream",
                "chunks/s",
                fastDirect.get("chunksPerSecond"),
                fastDyad.get("chunksPerSecond"),
                Double.NaN);
        report.note(String.format(
                "scenario 3 added time to first chunk through Dyad: p50 %+.0f µs; added mean gap %+.0f µs",
                dyad.get("ttfbP50Us") - direct.get("ttfbP50Us"), dyad.get("gapMeanUs") - direct.get("gapMeanUs")));
    }

    /** Scenario 5: a trivial command through spawn-cli vs spawned directly. */
    private void spawnCli() throws Exception {
        Map<String, Double> spawn =
                probe("spawn", SpawnProbe.class, gateway.baseUrl() + "/v1", gateway.key(), "echo", "cat", 200);
        report.add(
                "5 spawn-cli (cat)",
                "p50 latency",
                "µs",
                spawn.get("directP50Us"),
                spawn.get("gatewayP50Us"),
                Double.NaN);
        report.add(
                "5 spawn-cli (cat)",
                "p99 latency",
                "µs",
                spawn.get("directP99Us"),
                spawn.get("gatewayP99Us"),
                Double.NaN);
        report.note(String.format(
                "scenario 5 spawn-cli overhead over a direct spawn: p50 %+.0f µs",
                spawn.get("gatewayP50Us") - spawn.get("directP50Us")));
    }

    /** Scenario 4: many slow streams open at once; memory per stream. */
    private void manyStreams() throws Exception {
        MemorySample before = MemorySample.of(gateway.pid());
        Process probe = procs.start(
                "many-streams",
                List.of(
                        java,
                        "-Xmx1g",
                        "-cp",
                        benchJar,
                        ManyStreams.class.getName(),
                        gateway.baseUrl() + "/v1",
                        gateway.key(),
                        "slow",
                        String.valueOf(streams),
                        "120"),
                Map.of());
        procs.awaitLog("many-streams", "OPEN", Duration.ofSeconds(150));
        MemorySample open = MemorySample.of(gateway.pid());
        probe.waitFor();
        String result = Files.readAllLines(procs.log("many-streams")).getLast();
        Map<String, Double> values = numbers(result);
        failures += values.get("errors").longValue();
        report.add("4 " + streams + " open streams", "gateway RSS", "MB", Double.NaN, open.rssMb(), Double.NaN);
        report.add("4 " + streams + " open streams", "gateway heap used", "MB", Double.NaN, open.heapMb(), Double.NaN);
        report.add(
                "4 " + streams + " open streams",
                "RSS per stream",
                "KB",
                Double.NaN,
                (open.rssMb() - before.rssMb()) * 1024 / streams,
                Double.NaN);
        report.add("4 " + streams + " open streams", "errors", "", Double.NaN, values.get("errors"), Double.NaN);
    }

    /** The peer's failures are reported, not counted: the harness fails only when the stub or Dyad fail. */
    private void notePeerErrors(String scenario, long errors) {
        if (errors > 0) {
            report.note(scenario + ": Portkey failed " + errors + " requests (timeouts or errors under this load)");
        }
    }

    private Map<String, Double> probe(String name, Class<?> tool, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", benchJar, tool.getName()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        String output = procs.run(name, command, Duration.ofSeconds(seconds * 3L + 300));
        String[] lines = output.strip().split("\n");
        return numbers(lines[lines.length - 1]);
    }

    static Map<String, Double> numbers(String json) {
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":([-0-9.]+)").matcher(json);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("probe printed no result: " + json);
        }
        return values;
    }

    private static String stub(int port) {
        return "http://127.0.0.1:" + port + "/v1/chat/completions";
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** Sends one admin request; used to register the stub providers. */
    static HttpResponse<String> post(String url, String key, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
