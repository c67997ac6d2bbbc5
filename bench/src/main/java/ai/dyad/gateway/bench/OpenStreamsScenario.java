package ai.dyad.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Scenario 4: many slow streams held open at once on a gateway started with a bounded heap, so "fits in
 * it, no errors" is shown rather than inferred. Memory is sampled while every stream is open: RSS, and the
 * live heap (heap in use right after a full GC), each also per stream against the idle gateway.
 */
final class OpenStreamsScenario {

    static final String HEAP = "-Xmx512m";

    private final Procs procs;
    private final Probes probes;
    private final Report report;

    OpenStreamsScenario(Procs procs, Probes probes, Report report) {
        this.procs = procs;
        this.probes = probes;
        this.report = report;
    }

    /**
     * Runs it against a fresh gateway whose model {@code slow} streams from {@code slowStub}
     * (streams long enough to be open all at once); returns the number of failed streams.
     */
    long run(Path root, Path work, int slowStub, int streams) throws Exception {
        GatewayProcess gateway = GatewayProcess.start(procs, root, work, Map.of("JAVA_OPTS", HEAP));
        gateway.addOpenAiProvider("stub-slow", "slow", slowStub);
        MemorySample idle = MemorySample.of(gateway.pid());
        Path marker = work.resolve("many-streams-sampled");
        Process probe = probes.start(
                "many-streams",
                "-Xmx1g",
                ManyStreams.class,
                gateway.baseUrl() + "/v1",
                gateway.key(),
                "slow",
                streams,
                180,
                marker);
        procs.awaitLog("many-streams", "OPEN", Duration.ofSeconds(200));
        MemorySample open = MemorySample.of(gateway.pid());
        Files.createFile(marker);
        String sampled = procs.awaitLog("many-streams", "SAMPLED", Duration.ofSeconds(200));
        probe.waitFor();
        Map<String, Double> result =
                Probes.numbers(Files.readAllLines(procs.log("many-streams")).getLast());
        gateway.stop(procs);

        String scenario = "4 " + streams + " open streams";
        add(scenario, "gateway max heap (" + HEAP + ")", "MB", open.maxHeapMb());
        add(scenario, "streams open while sampled", "", Double.parseDouble(sampled.replaceAll(".*stillOpen=", "")));
        add(scenario, "gateway RSS", "MB", open.rssMb());
        add(scenario, "live heap (after full GC)", "MB", open.liveHeapMb());
        add(scenario, "RSS per stream", "KB", (open.rssMb() - idle.rssMb()) * 1024 / streams);
        add(scenario, "live heap per stream", "KB", (open.liveHeapMb() - idle.liveHeapMb()) * 1024 / streams);
        add(scenario, "errors", "", result.get("errors"));
        report.note(String.format(
                "scenario 4: the idle gateway before the streams: RSS %.0f MB, live heap %.0f MB",
                idle.rssMb(), idle.liveHeapMb()));
        return result.get("errors").longValue();
    }

    private void add(String scenario, String metric, String unit, double value) {
        report.add(scenario, metric, unit, Double.NaN, value, Double.NaN);
    }
}
