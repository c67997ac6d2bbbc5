package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.config.ProviderSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to run for a provider: the program, its arguments and its environment. */
record CommandSpec(
        String command, List<String> args, Path workingDirectory, Map<String, String> env, List<String> inheritEnv) {

    static CommandSpec from(ProviderSettings settings) {
        return new CommandSpec(
                settings.string("command").orElseThrow(),
                settings.stringList("args"),
                settings.string("workingDirectory").map(Path::of).orElse(null),
                settings.stringMap("env"),
                settings.stringList("inheritEnv"));
    }

    /** A process builder with a clean environment: only the allowed inherited variables plus {@code env}. */
    ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(commandLine());
        Map<String, String> environment = builder.environment();
        Map<String, String> parent = Map.copyOf(environment);
        environment.clear();
        for (String name : inheritEnv) {
            String value = parent.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putAll(env);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder;
    }

    private List<String> commandLine() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(command), args.stream())
                .toList();
    }
}
