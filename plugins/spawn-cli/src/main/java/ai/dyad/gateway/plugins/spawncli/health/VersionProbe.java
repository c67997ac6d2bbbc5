package ai.dyad.gateway.plugins.spawncli.health;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.config.SpawnSettings;
import ai.dyad.gateway.plugins.spawncli.output.CliFailure;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.output.OutputListener;
import ai.dyad.gateway.plugins.spawncli.process.ChildEnvironment;
import ai.dyad.gateway.plugins.spawncli.process.CommandResolver;
import ai.dyad.gateway.plugins.spawncli.process.Redactor;
import ai.dyad.gateway.plugins.spawncli.run.CliRun;
import ai.dyad.gateway.plugins.spawncli.run.RunResult;
import ai.dyad.gateway.plugins.spawncli.run.RunThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The provider's health: its program is found and answers its cheap version check ({@code --version}) quickly. No
 * model is called, so a probe costs nothing. It does not take a process slot: a busy provider is still healthy.
 */
public final class VersionProbe {

    /** Long enough for a Node CLI's cold start on a busy machine, short enough for a health endpoint. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long MAX_OUTPUT_BYTES = 16 * 1024;

    private final SpawnSettings settings;
    private final Map<String, String> parentEnvironment;
    private final RunThreads threads;
    private final Duration killGrace;
    private final Duration timeout;

    /**
     * @param timeout how long the version check may take before the CLI counts as unhealthy (and is killed)
     */
    public VersionProbe(
            SpawnSettings settings,
            Map<String, String> parentEnvironment,
            RunThreads threads,
            Duration killGrace,
            Duration timeout) {
        this.settings = settings;
        this.parentEnvironment = parentEnvironment;
        this.threads = threads;
        this.killGrace = killGrace;
        this.timeout = timeout;
    }

    public Health probe() {
        long started = System.nanoTime();
        try {
            return check(started);
        } catch (AdapterException e) {
            return Health.unhealthy(e.getMessage(), since(started));
        }
    }

    private Health check(long started) {
        Map<String, String> environment =
                ChildEnvironment.build(parentEnvironment, settings.inheritEnv(), settings.env());
        Path executable = CommandResolver.resolve(settings.command(), environment, settings.workingDirectory());
        if (settings.healthArgs().isEmpty()) {
            return Health.healthy("command found at " + executable + " (no version check configured)", since(started));
        }
        CliRun run = CliRun.start(
                executable, settings.healthArgs(), environment, settings.workingDirectory(), threads, killGrace);
        StringBuilder output = new StringBuilder();
        RunResult result = run.await(
                new byte[0], OutputFormat.TEXT.decoder(collectInto(output)), () -> false, MAX_OUTPUT_BYTES, timeout);
        String name = "command '" + settings.command() + "'";
        Redactor redactor = new Redactor(settings.secrets());
        if (result.stopReason() != null) {
            return Health.unhealthy(
                    name + " did not answer its version check within " + timeout.toMillis() + " ms", since(started));
        }
        if (result.exitStatus() != 0) {
            String stderr = result.stderrTail().isEmpty() ? "" : ": " + result.stderrTail();
            return Health.unhealthy(
                    redactor.redact(
                            name + " failed its version check with exit status " + result.exitStatus() + stderr),
                    since(started));
        }
        String version = output.toString().strip().lines().findFirst().orElse("");
        return Health.healthy(redactor.redact(version.isEmpty() ? name + " answered" : version), since(started));
    }

    private static OutputListener collectInto(StringBuilder output) {
        return new OutputListener() {
            @Override
            public void text(String text) {
                synchronized (output) {
                    output.append(text);
                }
            }

            @Override
            public void reasoning(String text) {}

            @Override
            public void usage(Usage usage, Double costUsd) {}

            @Override
            public void finish(FinishReason reason) {}

            @Override
            public void failure(CliFailure failure) {}

            @Override
            public void warning(String message) {}
        };
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
