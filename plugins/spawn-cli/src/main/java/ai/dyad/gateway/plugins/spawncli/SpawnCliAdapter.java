package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.plugins.spawncli.config.SpawnSettings;
import ai.dyad.gateway.plugins.spawncli.health.VersionProbe;
import ai.dyad.gateway.plugins.spawncli.process.ConcurrencyGate;
import ai.dyad.gateway.plugins.spawncli.process.Redactor;
import ai.dyad.gateway.plugins.spawncli.run.CliRun;
import ai.dyad.gateway.plugins.spawncli.run.RunThreads;
import ai.dyad.gateway.plugins.spawncli.run.StopReason;
import ai.dyad.gateway.plugins.spawncli.run.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code spawn-cli} provider: what every call shares (settings, the process slots, the threads for timeouts,
 * kills and output readers, the runs in flight so that closing can stop them). Each call is a {@link ChatCall}.
 */
final class SpawnCliAdapter implements ModelAdapter {

    /** How long a CLI gets to exit after SIGTERM before SIGKILL. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final SpawnSettings settings;
    private final Map<String, String> parentEnvironment;
    private final Clock clock;
    private final System.Logger logger;
    private final ConcurrencyGate gate;
    private final Verdict verdict;
    private final RunThreads threads;
    private final Set<CliRun> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param parentEnvironment the gateway's environment, of which only {@code inheritEnv} is passed on
     */
    SpawnCliAdapter(
            String providerName,
            SpawnSettings settings,
            Map<String, String> parentEnvironment,
            Clock clock,
            System.Logger logger) {
        this.settings = settings;
        this.parentEnvironment = Map.copyOf(parentEnvironment);
        this.clock = clock;
        this.logger = logger;
        this.gate = new ConcurrencyGate(settings.maxConcurrent(), settings.maxQueue());
        this.verdict = new Verdict(settings.command(), settings.output(), new Redactor(settings.secrets()));
        this.threads = new RunThreads(providerName);
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        if (closed.get()) {
            throw new AdapterException(
                    ErrorKind.UNAVAILABLE, "the provider is closed", "provider_closed", null, null, null);
        }
        new ChatCall(this, request, call, sink).run();
    }

    @Override
    public Health health() {
        return new VersionProbe(settings, parentEnvironment, threads, KILL_GRACE, VersionProbe.DEFAULT_TIMEOUT).probe();
    }

    /** Stops every run in flight (SIGTERM, then SIGKILL after the grace); the threads end once their work ran. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CliRun> runs = List.copyOf(running);
        runs.forEach(run -> run.stop(StopReason.CLOSED));
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        try {
            for (CliRun run : runs) {
                run.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runs.forEach(CliRun::killNow);
        threads.close();
    }

    void track(CliRun run) {
        running.add(run);
        // A call that started its process while close() ran would otherwise be missed by it.
        if (closed.get()) {
            run.stop(StopReason.CLOSED);
        }
    }

    void untrack(CliRun run) {
        running.remove(run);
    }

    SpawnSettings settings() {
        return settings;
    }

    Map<String, String> parentEnvironment() {
        return parentEnvironment;
    }

    Clock clock() {
        return clock;
    }

    System.Logger logger() {
        return logger;
    }

    ConcurrencyGate gate() {
        return gate;
    }

    Verdict verdict() {
        return verdict;
    }

    RunThreads threads() {
        return threads;
    }
}
