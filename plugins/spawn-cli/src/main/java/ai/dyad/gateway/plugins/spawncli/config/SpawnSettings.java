package ai.dyad.gateway.plugins.spawncli.config;

import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.ARGS;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.COMMAND;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.ENV;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.EXTRA_ARGS;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.HEALTH_ARGS;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.INHERIT_ENV;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.INPUT;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.MAX_CONCURRENT;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.MAX_OUTPUT_BYTES;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.MAX_QUEUE;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.OUTPUT;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.PRESET;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.TIMEOUT;
import static ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec.WORKING_DIRECTORY;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.preset.Preset;
import ai.dyad.gateway.plugins.spawncli.preset.Presets;
import ai.dyad.gateway.plugins.spawncli.prompt.ArgTemplate;
import ai.dyad.gateway.plugins.spawncli.prompt.InputMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's settings with its preset applied and every value checked: what one {@code spawn-cli} provider runs
 * and within which limits. Immutable.
 *
 * @param env the preset's variables overlaid with the provider's own
 * @param secrets the provider's own {@code env} values, redacted from anything shown to clients
 * @param workingDirectory nullable: the gateway's directory
 */
public record SpawnSettings(
        String command,
        ArgTemplate args,
        InputMode input,
        OutputFormat output,
        Path workingDirectory,
        Map<String, String> env,
        List<String> secrets,
        List<String> inheritEnv,
        Duration timeout,
        int maxConcurrent,
        int maxQueue,
        long maxOutputBytes,
        List<String> healthArgs) {

    private static final int MAX_CONCURRENT_LIMIT = 1024;
    private static final int MAX_QUEUE_LIMIT = 100_000;
    private static final double MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    /**
     * @throws AdapterException INVALID_REQUEST {@code invalid_config}, naming the key at fault in {@code param}
     */
    public static SpawnSettings from(ProviderSettings settings) {
        Optional<Preset> preset = settings.string(PRESET).map(name -> Presets.named(name)
                .orElseThrow(() -> invalid(
                        PRESET, "unknown preset '" + name + "'; known: " + String.join(", ", Presets.names()))));
        Map<String, Object> raw = settings.asMap();

        String command = settings.string(COMMAND)
                .or(() -> preset.map(Preset::command))
                .orElseThrow(() -> invalid(COMMAND, "config key 'command' is required unless a preset is chosen"));
        if (command.isBlank() || command.indexOf('\0') >= 0) {
            throw invalid(COMMAND, "config key 'command' must name a program");
        }
        InputMode input = settings.string(INPUT)
                .map(InputMode::fromWire)
                .or(() -> preset.map(Preset::input))
                .orElse(InputMode.STDIN);
        OutputFormat output = settings.string(OUTPUT)
                .map(OutputFormat::fromWire)
                .or(() -> preset.map(Preset::output))
                .orElse(OutputFormat.TEXT);
        ArgTemplate args = argTemplate(
                raw.containsKey(ARGS)
                        ? settings.stringList(ARGS)
                        : preset.map(Preset::args).orElse(List.of()),
                settings.stringList(EXTRA_ARGS));
        if (input == InputMode.STDIN && args.uses(ArgTemplate.PROMPT)) {
            throw invalid(
                    INPUT,
                    "args use {prompt} but input is 'stdin'; set input to 'arg' to pass the prompt as"
                            + " an argument (visible to every user of the machine)");
        }

        Map<String, String> ownEnv = settings.stringMap(ENV);
        checkEnvironment(ownEnv);
        Map<String, String> env = new LinkedHashMap<>(preset.map(Preset::env).orElse(Map.of()));
        env.putAll(ownEnv);
        List<String> inheritEnv = settings.stringList(INHERIT_ENV);
        for (String name : inheritEnv) {
            if (!validName(name)) {
                throw invalid(INHERIT_ENV, "config key 'inheritEnv' holds an invalid variable name '" + name + "'");
            }
        }

        return new SpawnSettings(
                command,
                args,
                input,
                output,
                workingDirectory(settings),
                Map.copyOf(env),
                List.copyOf(ownEnv.values()),
                List.copyOf(inheritEnv),
                timeout(settings),
                (int) bounded(
                        settings, MAX_CONCURRENT, SpawnConfigSpec.DEFAULT_MAX_CONCURRENT, 1, MAX_CONCURRENT_LIMIT),
                (int) bounded(settings, MAX_QUEUE, SpawnConfigSpec.DEFAULT_MAX_QUEUE, 0, MAX_QUEUE_LIMIT),
                bounded(settings, MAX_OUTPUT_BYTES, SpawnConfigSpec.DEFAULT_MAX_OUTPUT_BYTES, 1, Long.MAX_VALUE),
                raw.containsKey(HEALTH_ARGS)
                        ? settings.stringList(HEALTH_ARGS)
                        : preset.map(Preset::healthArgs).orElse(List.of("--version")));
    }

    private static ArgTemplate argTemplate(List<String> args, List<String> extraArgs) {
        try {
            return ArgTemplate.of(args).plus(extraArgs);
        } catch (IllegalArgumentException e) {
            throw invalid(ARGS, e.getMessage());
        }
    }

    private static void checkEnvironment(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (!validName(name)) {
                throw invalid(ENV, "config key 'env' holds an invalid variable name '" + name + "'");
            }
            if (value.indexOf('\0') >= 0) {
                throw invalid(ENV, "config key 'env' holds a NUL character in the value of '" + name + "'");
            }
        });
    }

    private static boolean validName(String name) {
        return !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0;
    }

    private static Path workingDirectory(ProviderSettings settings) {
        try {
            return settings.string(WORKING_DIRECTORY).map(Path::of).orElse(null);
        } catch (InvalidPathException e) {
            throw invalid(WORKING_DIRECTORY, "config key 'workingDirectory' is not a valid path");
        }
    }

    private static Duration timeout(ProviderSettings settings) {
        double seconds = settings.number(TIMEOUT).orElse(SpawnConfigSpec.DEFAULT_TIMEOUT_SECONDS);
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            throw invalid(
                    TIMEOUT,
                    "config key 'timeout' must be between 0 and " + (long) MAX_TIMEOUT_SECONDS + " seconds, was "
                            + seconds);
        }
        return Duration.ofNanos(Math.max(1_000_000L, (long) (seconds * 1e9)));
    }

    private static long bounded(ProviderSettings settings, String key, long fallback, long min, long max) {
        long value = settings.integer(key).orElse(fallback);
        if (value < min || value > max) {
            throw invalid(key, "config key '" + key + "' must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static AdapterException invalid(String key, String message) {
        return new AdapterException(ErrorKind.INVALID_REQUEST, message, "invalid_config", key, null, null);
    }
}
