package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark run: starts stub upstreams, the gateway from the built distribution and (when installed)
 * Portkey's gateway, measures each scenario directly against the stub and through both gateways, and
 * writes the table to {@code bench/results/<date>.md}. It never judges speed; it fails only when
 * requests fail. Usage: {@code Harness <repoRoot>}; knobs: BENCH_SECONDS, BENCH_RATE, BENCH_STREAMS,
 * BENCH_DEPLOYS, BENCH_ONLY.
 */
public final class Harness {

    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";

    private static final int STREAM_WARMUP = 500;

    // Free loopback ports, found at start: other runs (and other engineers' gateways) share this machine, and
    // a fixed port already taken would have the harness measure someone else's process.
    private final int fast = Procs.freePort();
    private final int paced = Procs.freePort();
    private final int slow = Procs.freePort();
    private final int portkeyPort = Procs.freePort();

    private final Path root;
    private final Path work;
    private final Procs procs;
    private final Report report = new Report();
    private final int seconds = env("BENCH_SECONDS", 10);
    private final int rate = env("BENCH_RATE", 1000);
    private final int streams = env("BENCH_STREAMS", 10_000);
    private final int deploys = env("BENCH_DEPLOYS", 5);
    private final Set<Integer> only = scenarios(System.getenv("BENCH_ONLY"));
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final Probes probes;
    private final Wrk wrk;
    /** Portkey's gateway; null when it is not installed. */
    private Process portkey;

    private GatewayProcess gateway;
    private long failures;

    private Harness(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.procs = new Procs(work.resolve("logs"));
        this.probes = new Probes(
                procs, java, root.resolve("bench/target/bench.jar").toString(), Duration.ofSeconds(seconds * 3L + 300));
        this.wrk = new Wrk(procs, root.resolve("bench/wrk/post.lua"));
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
        gateway = GatewayProcess.start(procs, root, work, Map.of());
        if (runs(7)) {
            report.add(
                    "7 start-up",
                    "start to first served request",
                    "ms",
                    Double.NaN,
                    gateway.startup().toMillis(),
                    Double.NaN);
        }
        gateway.addOpenAiProvider("stub-fast", "fast", fast);
        gateway.addOpenAiProvider("stub-paced", "paced", paced);
        // Portkey is only compared in scenarios 1-3.
        portkey = runs(1) || runs(2) || runs(3) ? startPortkey() : null;

        if (runs(1) || runs(2) || runs(3) || runs(5)) {
            warmUpAll();
        }
        if (runs(1)) {
            throughput();
        }
        if (runs(2)) {
            fixedRate();
        }
        if (runs(3)) {
            streaming();
        }
        if (runs(5)) {
            spawnCli();
        }
        if (runs(7)) {
            hotDeploy();
        }
        if (runs(6)) {
            failures +=
                    new LimitsCostScenario(procs, probes, wrk, report).run(gateway, root, work, fast, seconds, rate);
        }
        // Scenario 4 has a gateway of its own; the others would only take CPU from it.
        if (portkey != null) {
            procs.stop(portkey);
        }
        gateway.stop(procs);
        if (runs(4)) {
            OpenStreamsScenario openStreams = new OpenStreamsScenario(procs, probes, report);
            failures += openStreams.run(root, work, slow, streams, OpenStreamsScenario.Upstream.H2C);
            failures += openStreams.run(root, work, slow, streams, OpenStreamsScenario.Upstream.HTTP_1_1);
        }

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
        // Scenario 4's streams last a minute, so all are open at once while the gateway is sampled even when
        // opening thousands takes tens of seconds on a loaded machine.
        int[][] stubs = {{fast, 20, 0}, {paced, 20, 20}, {slow, 20, 3000}};
        for (int[] stub : stubs) {
            probes.start("stub-" + stub[0], "-Xmx256m", StubUpstream.class, stub[0], stub[1], stub[2]);
            Procs.awaitHttp("http://127.0.0.1:" + stub[0] + "/v1/models", System.nanoTime(), Duration.ofSeconds(30));
        }
    }

    private Process startPortkey() throws Exception {
        Path server = root.resolve("bench/node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!Files.exists(server)) {
            report.note("Portkey not installed (bench/run installs it with npm); its columns are empty.");
            return null;
        }
        Process process = procs.start(
                "portkey", List.of("node", server.toString(), "--port=" + portkeyPort, "--headless"), Map.of());
        procs.awaitLog("portkey", String.valueOf(portkeyPort), Duration.ofSeconds(60));
        return process;
    }

    /** Portkey routes by headers: its OpenAI provider, pointed at the stub. */
    private static Map<String, String> portkeyHeaders(int stubPort) {
        return Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", "http://127.0.0.1:" + stubPort + "/v1");
    }

    /** The same headers the way the probes take them: {@code name|value|name|value}. */
    private static String portkeyHeaderArg(int stubPort) {
        StringBuilder arg = new StringBuilder();
        portkeyHeaders(stubPort).forEach((name, value) -> {
            arg.append(arg.isEmpty() ? "" : "|").append(name).append('|').append(value);
        });
        return arg.toString();
    }

    private String portkeyBase() {
        return "http://127.0.0.1:" + portkeyPort + "/v1";
    }

    /** Scenario 1: non-streaming chat at 64 connections. */
    private void throughput() throws Exception {
        Map<String, String> peerHeaders = peerChatHeaders();
        Wrk.Result direct = wrk.run("wrk-direct", stub(fast), CHAT.formatted("stub"), Map.of(), 64, seconds);
        Wrk.Result dyad = wrk.run("wrk-dyad", gateway.chatUrl(), CHAT.formatted("fast"), gateway.auth(), 64, seconds);
        Wrk.Result peer = portkey != null
                ? wrk.run(
                        "wrk-portkey",
                        portkeyBase() + "/chat/completions",
                        CHAT.formatted("stub"),
                        peerHeaders,
                        64,
                        seconds)
                : new Wrk.Result(Double.NaN, Double.NaN, Double.NaN, 0, 0);
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
        noteRelayCeiling(direct);
    }

    /** Scenario 1 through nginx as a bare relay: about the most any relay reaches on this machine. */
    private void noteRelayCeiling(Wrk.Result direct) throws Exception {
        try (NginxReference nginx = NginxReference.start(procs, work, fast)) {
            if (nginx == null) {
                report.note("scenario 1 reference: nginx not installed (bench/run installs it), no relay ceiling");
                return;
            }
            String body = CHAT.formatted("stub");
            wrk.run("wrk-nginx-warmup", nginx.chatUrl(), body, Map.of(), 64, 2);
            Wrk.Result relay = wrk.run("wrk-nginx", nginx.chatUrl(), body, Map.of(), 64, seconds);
            report.note(String.format(
                    "scenario 1 reference: nginx as a bare relay (C, one worker, keep-alive upstream, no logging, no"
                            + " auth or JSON) in front of the same stub: %.0f req/s = %.2f of direct, p50 %.0f µs,"
                            + " %d failed",
                    relay.requestsPerSecond(),
                    relay.requestsPerSecond() / direct.requestsPerSecond(),
                    relay.p50Us(),
                    relay.errors()));
        }
    }

    /**
     * Every target first runs the same load unmeasured until its throughput settles; a cold start is scenario
     * 7's business, not the others'.
     */
    private void warmUpAll() throws Exception {
        warmUp("direct", stub(fast), CHAT.formatted("stub"), Map.of());
        warmUp("dyad", gateway.chatUrl(), CHAT.formatted("fast"), gateway.auth());
        if (portkey != null) {
            warmUp("portkey", portkeyBase() + "/chat/completions", CHAT.formatted("stub"), peerChatHeaders());
        }
    }

    private Map<String, String> peerChatHeaders() {
        Map<String, String> headers = new HashMap<>(portkeyHeaders(fast));
        headers.put("Authorization", "Bearer unused");
        return headers;
    }

    /** Warms {@code target} up unmeasured (see {@link Wrk#warmUp}) and notes how long it took. */
    private void warmUp(String target, String url, String body, Map<String, String> headers) throws Exception {
        Wrk.WarmUp warmUp = wrk.warmUp("wrk-" + target + "-warmup", url, body, headers);
        report.note(String.format("warm-up: %s ran wrk -c64 unmeasured for %d s", target, warmUp.seconds()));
    }

    /** Scenario 2: a fixed rate well below saturation; added latency percentiles. */
    private void fixedRate() throws Exception {
        Map<String, Double> direct =
                probes.runAtRate("rate-direct", stub(fast), "-", CHAT.formatted("stub"), rate, seconds);
        Map<String, Double> dyad = probes.runAtRate(
                "rate-dyad", gateway.chatUrl(), "Bearer " + gateway.key(), CHAT.formatted("fast"), rate, seconds);
        Map<String, Double> peer = portkey != null
                ? probes.runAtRate(
                        "rate-portkey",
                        portkeyBase() + "/chat/completions",
                        "Bearer unused",
                        CHAT.formatted("stub"),
                        rate,
                        seconds,
                        portkeyHeaderArg(fast))
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

    /**
     * Scenario 3: time to first chunk and gaps between chunks of a paced stream (20 chunks, 20 ms apart), and
     * chunks/s of an unpaced one: directly, through Dyad and through Portkey.
     */
    private void streaming() throws Exception {
        // The streaming path is not what scenario 1 warmed: compile it first, on unpaced streams, unmeasured.
        streamRuns("stream-warmup", fast, "fast", STREAM_WARMUP);
        int requests = Math.max(50, seconds * 5);
        StreamRuns pacedRuns = streamRuns("stream", paced, "paced", requests);
        String[][] metrics = {
            {"ttfbP50Us", "time to first chunk p50"},
            {"ttfbP99Us", "time to first chunk p99"},
            {"gapMeanUs", "gap between chunks, mean"},
            {"gapP99Us", "gap between chunks, p99"}
        };
        for (String[] metric : metrics) {
            pacedRuns.add(report, "3 stream", metric[0], metric[1], "µs");
        }
        streamRuns("stream-fast", fast, "fast", requests)
                .add(report, "3 stream (no delay)", "chunksPerSecond", "chunks/s, request to last chunk", "chunks/s");
        report.note(String.format(
                "scenario 3 added time to first chunk through Dyad: p50 %+.0f µs; added mean gap %+.0f µs",
                pacedRuns.dyad().get("ttfbP50Us") - pacedRuns.direct().get("ttfbP50Us"),
                pacedRuns.dyad().get("gapMeanUs") - pacedRuns.direct().get("gapMeanUs")));
        noteChunkByChunk("Dyad", pacedRuns.direct(), pacedRuns.dyad());
        if (portkey != null) {
            noteChunkByChunk("Portkey", pacedRuns.direct(), pacedRuns.peer());
        }
    }

    /** One stream probe's results directly, through Dyad and through Portkey (empty when not installed). */
    private record StreamRuns(Map<String, Double> direct, Map<String, Double> dyad, Map<String, Double> peer) {
        void add(Report report, String scenario, String key, String metric, String unit) {
            report.add(scenario, metric, unit, direct.get(key), dyad.get(key), peer.getOrDefault(key, Double.NaN));
        }
    }

    private StreamRuns streamRuns(String name, int stubPort, String model, int requests) throws Exception {
        Map<String, Double> direct = probes.run(
                name + "-direct", StreamProbe.class, "http://127.0.0.1:" + stubPort + "/v1", "none", "stub", requests);
        Map<String, Double> dyad = probes.run(
                name + "-dyad", StreamProbe.class, gateway.baseUrl() + "/v1", gateway.key(), model, requests);
        Map<String, Double> peer = portkey != null
                ? probes.run(
                        name + "-portkey",
                        StreamProbe.class,
                        portkeyBase(),
                        "unused",
                        "stub",
                        requests,
                        portkeyHeaderArg(stubPort))
                : Map.of();
        failures += direct.get("errors").longValue() + dyad.get("errors").longValue();
        notePeerErrors(
                "scenario 3 (" + name + ")", peer.getOrDefault("errors", 0.0).longValue());
        return new StreamRuns(direct, dyad, peer);
    }

    /**
     * A relay that forwards each chunk as it arrives keeps the stub's 20 ms rhythm; one that batches shows a
     * much shorter mean gap (several chunks at once, then a wait).
     */
    private void noteChunkByChunk(String relay, Map<String, Double> direct, Map<String, Double> relayed) {
        double gap = relayed.get("gapMeanUs");
        double expected = direct.get("gapMeanUs");
        report.note(String.format(
                "scenario 3: %s %s the paced stream chunk by chunk (mean gap %.0f µs; %.0f µs directly)",
                relay, gap >= expected / 2 ? "forwarded" : "did NOT forward", gap, expected));
    }

    /** Scenario 5: a trivial command through spawn-cli vs spawned directly. */
    private void spawnCli() throws Exception {
        long descriptors = Procs.openDescriptors(gateway.pid());
        Map<String, Double> spawn = probes.run(
                "spawn", SpawnProbe.class, gateway.baseUrl() + "/v1", gateway.key(), "echo", "cat", 200, descriptors);
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
                "scenario 5 spawn-cli overhead over a direct spawn: p50 %+.0f µs. Its parts: an HTTP round trip to"
                        + " the gateway (GET /v1/models) takes p50 %.0f µs; the gateway held %d open descriptors, which"
                        + " every child inherits and closes before it runs the command, and a direct spawn holding"
                        + " as many takes p50 %.0f µs (%+.0f µs)",
                spawn.get("gatewayP50Us") - spawn.get("directP50Us"),
                spawn.get("httpP50Us"),
                descriptors,
                spawn.get("directHoldingP50Us"),
                spawn.get("directHoldingP50Us") - spawn.get("directP50Us")));
    }

    /**
     * Scenario 7, second half: a plugin jar copied into the running gateway → first answer through it. The
     * jars are the hot-echo test plugins (two versions of one real PF4J plugin, built by bench/run).
     */
    private void hotDeploy() throws Exception {
        List<Path> jars = List.of(fixtureJar("hot-echo-v1"), fixtureJar("hot-echo-v2"));
        List<Long> millis = new HotDeployProbe(gateway, jars).measure(deploys);
        List<Long> sorted = millis.stream().sorted().toList();
        String scenario = "7 hot deploy (" + deploys + " runs)";
        report.add(
                scenario,
                "jar copied to first answer, p50",
                "ms",
                Double.NaN,
                sorted.get((sorted.size() - 1) / 2),
                Double.NaN);
        report.add(scenario, "jar copied to first answer, max", "ms", Double.NaN, sorted.getLast(), Double.NaN);
        report.note("scenario 7 hot deploy, jar copied to first answer (ms, in run order): " + millis);
    }

    private Path fixtureJar(String module) throws IOException {
        Path target = root.resolve("plugins/test-fixtures/" + module + "/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().startsWith(module))
                    .filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + target));
        }
    }

    /** The peer's failures are reported, not counted: the harness fails only when the stub or Dyad fail. */
    private void notePeerErrors(String scenario, long errors) {
        if (errors > 0) {
            report.note(scenario + ": Portkey failed " + errors + " requests (timeouts or errors under this load)");
        }
    }

    private static String stub(int port) {
        return "http://127.0.0.1:" + port + "/v1/chat/completions";
    }

    /** Whether scenario {@code n} is to run: all of them unless BENCH_ONLY names some. */
    private boolean runs(int n) {
        return only.isEmpty() || only.contains(n);
    }

    /** BENCH_ONLY's scenario numbers ({@code "6"}, {@code "1,6"}); empty (all) when unset. */
    private static Set<Integer> scenarios(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split("[,\\s]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> Integer.parseInt(part.strip()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
