package ai.dyad.gateway.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scenario 6: what per-key request limits counted in a real Redis cost. A second gateway runs with
 * {@code REDIS_URL} and the default per-key limit on (set so high nothing is refused: any 429 fails the
 * run); it is measured against the relay gateway (limits off, no Redis) under the same load, back to back.
 * API-key auth cannot be switched off on {@code /v1}, so both check the key: the difference is the limit
 * check, a Redis round trip per request.
 */
final class LimitsCostScenario {

    static final String MAX_REQUESTS = "100000000";

    private final Procs procs;
    private final Probes probes;
    private final Wrk wrk;
    private final Report report;

    LimitsCostScenario(Procs procs, Probes probes, Wrk wrk, Report report) {
        this.procs = procs;
        this.probes = probes;
        this.wrk = wrk;
        this.report = report;
    }

    /**
     * Runs wrk at 64 connections and the fixed-rate probe against both gateways for model {@code fast};
     * returns the number of failed requests.
     */
    long run(GatewayProcess without, Path root, Path work, int fastStub, int seconds, int rate) throws Exception {
        RedisServer redis = RedisServer.start(procs, Procs.freePort());
        GatewayProcess with = GatewayProcess.start(
                procs,
                root,
                work,
                Map.of(
                        "REDIS_URL",
                        redis.url(),
                        "RATE_LIMIT_MAX_REQUESTS",
                        MAX_REQUESTS,
                        "RATE_LIMIT_WINDOW_MS",
                        "60000"));
        with.addOpenAiProvider("stub-fast", "fast", fastStub);
        requireLimitHeaders(with, true);
        requireLimitHeaders(without, false);

        String body = Harness.CHAT.formatted("fast");
        // The second gateway is fresh: warm its JIT until its throughput settles. The first too, as scenarios
        // 1–3 may not have run (BENCH_ONLY=6).
        Wrk.WarmUp warmup = wrk.warmUp("wrk-limits-warmup", with.chatUrl(), body, with.auth());
        Wrk.WarmUp warmupWithout = wrk.warmUp("wrk-limits-warmup-off", without.chatUrl(), body, without.auth());
        long redisBefore = redis.commandsProcessed();
        long offCpu = CpuTime.micros(without.pid());
        Wrk.Result off = wrk.run("wrk-limits-off", without.chatUrl(), body, without.auth(), 64, seconds);
        offCpu = CpuTime.micros(without.pid()) - offCpu;
        long onCpu = CpuTime.micros(with.pid());
        long redisCpu = CpuTime.micros(redis.pid());
        Wrk.Result on = wrk.run("wrk-limits-on", with.chatUrl(), body, with.auth(), 64, seconds);
        onCpu = CpuTime.micros(with.pid()) - onCpu;
        redisCpu = CpuTime.micros(redis.pid()) - redisCpu;
        Map<String, Double> rateOff =
                probes.runAtRate("rate-limits-off", without.chatUrl(), "Bearer " + without.key(), body, rate, seconds);
        Map<String, Double> rateOn =
                probes.runAtRate("rate-limits-on", with.chatUrl(), "Bearer " + with.key(), body, rate, seconds);
        long redisCommands = redis.commandsProcessed() - redisBefore;
        with.stop(procs);
        redis.stop();
        if (redisCommands == 0) {
            // The limit store falls back to local counters when Redis is unreachable; that is not this scenario.
            throw new IllegalStateException("the gateway with REDIS_URL sent Redis no commands");
        }

        String load = "6 limits in Redis, chat c=64";
        report.compare(load, "requests/s", "req/s", off.requestsPerSecond(), on.requestsPerSecond());
        report.compare(load, "p50 latency", "µs", off.p50Us(), on.p50Us());
        report.compare(load, "p99 latency", "µs", off.p99Us(), on.p99Us());
        // Steadier than requests/s on a shared machine: what each request cost the gateway's CPU.
        report.compare(
                load,
                "gateway CPU per request (JIT excluded)",
                "µs",
                (double) offCpu / off.requests(),
                (double) onCpu / on.requests());
        String fixed = "6 limits in Redis, chat at " + rate + "/s";
        report.compare(fixed, "p50 latency", "µs", rateOff.get("p50Us"), rateOn.get("p50Us"));
        report.compare(fixed, "p99 latency", "µs", rateOff.get("p99Us"), rateOn.get("p99Us"));
        report.note(String.format(
                "scenario 6: \"without\" is the gateway of scenarios 1–3 (RATE_LIMIT_MAX_REQUESTS=0, no Redis); \"with\""
                        + " is a second one with REDIS_URL and the default per-key limit on (%s per minute, so"
                        + " nothing is refused); both check the API key. Redis ran %d commands for the limited"
                        + " gateway's %d requests and used %.0f µs of CPU per request at c=64; added p50 at"
                        + " %d/s: %+.0f µs",
                MAX_REQUESTS,
                redisCommands,
                on.requests() + rateOn.get("sent").longValue(),
                (double) redisCpu / on.requests(),
                rate,
                rateOn.get("p50Us") - rateOff.get("p50Us")));
        return warmup.errors()
                + warmupWithout.errors()
                + off.errors()
                + on.errors()
                + rateOff.get("errors").longValue()
                + rateOn.get("errors").longValue();
    }

    /** Checks a gateway does (or does not) count requests, by the x-ratelimit headers it answers with. */
    private static void requireLimitHeaders(GatewayProcess gateway, boolean expected) throws Exception {
        HttpResponse<String> response = gateway.chat("fast", "hi");
        boolean limited =
                response.headers().firstValue("x-ratelimit-limit-requests").isPresent();
        if (response.statusCode() != 200 || limited != expected) {
            throw new IllegalStateException("gateway on " + gateway.baseUrl() + " answered " + response.statusCode()
                    + (expected ? " without" : " with") + " rate-limit headers");
        }
    }
}
