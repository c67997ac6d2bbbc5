package ai.dyad.gateway.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code redis-server} (Debian's) on a loopback port, without persistence: counters only. */
final class RedisServer {

    private static final Pattern COMMANDS = Pattern.compile("total_commands_processed:(\\d+)");

    private final Procs procs;
    private final Process process;
    private final int port;

    private RedisServer(Procs procs, Process process, int port) {
        this.procs = procs;
        this.process = process;
        this.port = port;
    }

    static RedisServer start(Procs procs, int port) throws IOException, InterruptedException {
        Process process = procs.start(
                "redis",
                List.of(
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no"),
                Map.of());
        procs.awaitLog("redis", "Ready to accept connections", Duration.ofSeconds(30));
        return new RedisServer(procs, process, port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * How many commands the server has run so far, so the harness can show the gateway really used Redis
     * (its limit store falls back to local counters when Redis is unreachable).
     */
    long commandsProcessed() throws IOException, InterruptedException {
        String info = procs.run(
                "redis-info",
                List.of("redis-cli", "-p", String.valueOf(port), "INFO", "stats"),
                Duration.ofSeconds(30));
        Matcher m = COMMANDS.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("redis-cli printed no command count: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    long pid() {
        return process.pid();
    }

    void stop() throws InterruptedException {
        procs.stop(process);
    }
}
