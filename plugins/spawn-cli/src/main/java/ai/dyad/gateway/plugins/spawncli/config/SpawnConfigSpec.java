package ai.dyad.gateway.plugins.spawncli.config;

import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.FieldType;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.preset.Presets;
import java.util.List;

/**
 * The provider config keys of the {@code spawn-cli} type. Keys a preset may fill ({@code command}, {@code args},
 * {@code input}, {@code output}, {@code healthArgs}) have no spec default, so that a value the operator gave can
 * be told apart from one the preset supplies; {@link SpawnSettings} applies those defaults.
 */
public final class SpawnConfigSpec {

    public static final String PRESET = "preset";
    public static final String COMMAND = "command";
    public static final String ARGS = "args";
    public static final String EXTRA_ARGS = "extraArgs";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String WORKING_DIRECTORY = "workingDirectory";
    public static final String ENV = "env";
    public static final String INHERIT_ENV = "inheritEnv";
    public static final String TIMEOUT = "timeout";
    public static final String MAX_CONCURRENT = "maxConcurrent";
    public static final String MAX_QUEUE = "maxQueue";
    public static final String MAX_OUTPUT_BYTES = "maxOutputBytes";
    public static final String HEALTH_ARGS = "healthArgs";

    public static final List<String> DEFAULT_INHERIT_ENV = List.of("PATH", "HOME", "LANG");
    public static final double DEFAULT_TIMEOUT_SECONDS = 300;
    public static final long DEFAULT_MAX_CONCURRENT = 4;
    public static final long DEFAULT_MAX_QUEUE = 16;
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 8L * 1024 * 1024;

    public static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(PRESET, "A ready-made setup for a known CLI; any other key overrides its part")
                    .oneOf(Presets.names()),
            ConfigField.string(COMMAND, "The program to run, looked up on the child's PATH; never run through a shell"),
            ConfigField.stringList(
                    ARGS,
                    "Arguments, each passed as exactly one argument; {model}, {system} and {prompt} expand inside"
                            + " an argument and never split it"),
            ConfigField.stringList(EXTRA_ARGS, "Arguments appended after args (or after the preset's args)"),
            ConfigField.string(INPUT, "How the prompt reaches the program: stdin (default) or arg")
                    .oneOf("stdin", "arg"),
            ConfigField.string(OUTPUT, "How the program writes its answer: text (default) or an event format")
                    .oneOf(OutputFormat.wireNames()),
            ConfigField.string(WORKING_DIRECTORY, "The directory the program runs in (default: the gateway's)"),
            ConfigField.stringMap(ENV, "Environment variables set for the program; values are redacted from errors")
                    .asSecret(),
            ConfigField.stringList(INHERIT_ENV, "Gateway environment variables the program may see")
                    .withDefault(DEFAULT_INHERIT_ENV),
            ConfigField.of(TIMEOUT, FieldType.NUMBER, "Seconds one call may run before its process tree is killed")
                    .withDefault(DEFAULT_TIMEOUT_SECONDS),
            ConfigField.integer(MAX_CONCURRENT, "Processes this provider runs at once")
                    .withDefault(DEFAULT_MAX_CONCURRENT),
            ConfigField.integer(MAX_QUEUE, "Calls that may wait for a free process slot; more are refused as busy")
                    .withDefault(DEFAULT_MAX_QUEUE),
            ConfigField.integer(MAX_OUTPUT_BYTES, "Bytes of stdout read per call; beyond it the answer ends as length")
                    .withDefault(DEFAULT_MAX_OUTPUT_BYTES),
            ConfigField.stringList(
                    HEALTH_ARGS, "Arguments of the cheap health probe (default --version); [] skips it"));

    private SpawnConfigSpec() {}
}
