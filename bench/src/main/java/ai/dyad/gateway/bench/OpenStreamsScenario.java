package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Scenario 4: many slow streams held open at once on a gateway started with a bounded heap, so "fits in
 * it, no errors" is shown rather than inferred. Memory is sampled while every stream is open: RSS, and the
 * live heap (heap in use right after a full GC), each also per stream against the idle gateway. Run once
 * with the upstream on HTTP/2 (h2c, all streams on one connection) and once on HTTP/1.1 (a connection per
 * stream), as the two hold different sockets and buffers.
 */
final class OpenStreamsScenario {

    static final String HEAP = "-Xmx512m";
    /** Descriptors a gateway holds besides its streams' sockets (jar, logs, epoll, store), with room to spare. */
    private static final long OTHER_DESCRIPTORS = 1_000;

    /** How the gateway reaches the slow stub. */
    enum Upstream {
        H2C("h2c upstream", "h2c", 1),
        HTTP_1_1("HTTP/1.1 upstream", "http1", 2);

        private final String label;
        /** Names this run's probe log and marker file. */
        private final String probe;
        /** The client's socket, plus the upstream's where each stream has a connection of its own. */
        private final int socketsPerStream;

        Upstream(String label, String suffix, int socketsPerStream) {
            this.label = label;
            this.probe = "many-streams-" + suffix;
            this.socketsPerStream = socketsPerStream;
        }

        /** Registers the model {@code slow} on the gateway, reaching the stub this way. */
        void addSlowModel(GatewayProcess gateway, int slowStub) throws IOException, InterruptedException {
            if (this == H2C) {
                gateway.addH2cProxyProvider("stub-slow", "slow", slowStub);
            } else {
                gateway.addOpenAiProvider("stub-slow", "slow", slowStub);
            }
        }
    }

    private final Procs procs;
    private final Probes probes;
    private final Report report;

    OpenStreamsScenario(Procs procs, Probes probes, Report report) {
        this.procs = procs;
        this.probes = probes;
        this.report = report;
    }

    /** The most streams a gateway can hold over {@code upstream} within the open-files limit, up to {@code wanted}. */
    private static int feasible(int wanted, Upstream upstream) {
        return (int) Math.min(wanted, (Procs.openFileLimit() - OTHER_DESCRIPTORS) / upstream.socketsPerStream);
    }

    /**
     * Runs it against a fresh gateway whose model {@code slow} streams from {@code slowStub} (streams long
     * enough to be open all at once) over {@code upstream}; returns the number of failed streams.
     */
    long run(Path root, Path work, int slowStub, int wanted, Upstream upstream) throws Exception {
        int streams = feasible(wanted, upstream);
        if (streams < wanted) {
            report.note(String.format(
                    "scenario 4, %s: %d streams instead of %d, as the open-files limit is %d and each stream is"
                            + " %d socket(s) in the gateway",
                    upstream.label, streams, wanted, Procs.openFileLimit(), upstream.socketsPerStream));
        }
        GatewayProcess gateway = GatewayProcess.start(procs, root, work, Map.of("JAVA_OPTS", HEAP));
        upstream.addSlowModel(gateway, slowStub);
        MemorySample idle = MemorySample.of(gateway.pid());
        Path marker = work.resolve(upstream.probe + "-sampled");
        Process probe = probes.start(
                upstream.probe,
                "-Xmx1g",
                ManyStreams.class,
                gateway.baseUrl() + "/v1",
                gateway.key(),
                "slow",
                streams,
                180,
                marker);
        procs.awaitLog(upstream.probe, "OPEN", Duration.ofSeconds(200));
        MemorySample open = MemorySample.of(gateway.pid());
        Files.createFile(marker);
        String sampled = procs.awaitLog(upstream.probe, "SAMPLED", Duration.ofSeconds(200));
        probe.waitFor();
        Map<String, Double> result =
                Probes.numbers(Files.readAllLines(procs.log(upstream.probe)).getLast());
        gateway.stop(procs);

        String scenario = "4 " + streams + " open streams, " + upstream.label;
        add(scenario, "gateway max heap (" + HEAP + ")", "MB", open.maxHeapMb());
        add(scenario, "streams open while sampled", "", Double.parseDouble(sampled.replaceAll(".*stillOpen=", "")));
        add(scenario, "gateway RSS", "MB", open.rssMb());
        add(scenario, "live heap (after full GC)", "MB", open.liveHeapMb());
        add(scenario, "RSS per stream", "KB", (open.rssMb() - idle.rssMb()) * 1024 / streams);
        add(scenario, "live heap per stream", "KB", (open.liveHeapMb() - idle.liveHeapMb()) * 1024 / streams);
        add(scenario, "errors", "", result.get("errors"));
        report.note(String.format(
                "scenario 4, %s: the idle gateway before the streams: RSS %.0f MB, live heap %.0f MB",
                upstream.label, idle.rssMb(), idle.liveHeapMb()));
        return result.get("errors").longValue();
    }

    private void add(String scenario, String metric, String unit, double value) {
        report.add(scenario, metric, unit, Double.NaN, value, Double.NaN);
    }
}
