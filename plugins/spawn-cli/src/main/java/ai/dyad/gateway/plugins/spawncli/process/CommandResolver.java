package ai.dyad.gateway.plugins.spawncli.process;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the program to run the way a shell would, but on the <em>child's</em> {@code PATH} (the JDK would search the
 * gateway's), and says clearly when it is missing: "command 'claude' not found on PATH" is the most common
 * operator error with CLI providers.
 */
public final class CommandResolver {

    private CommandResolver() {}

    /**
     * @param environment the child's environment, whose {@code PATH} is searched
     * @param workingDirectory where a relative path with a slash is resolved; nullable (the gateway's directory)
     * @throws AdapterException {@link ErrorKind#UNAVAILABLE} when there is no such executable
     */
    public static Path resolve(String command, Map<String, String> environment, Path workingDirectory) {
        if (command.contains("/")) {
            Path path = workingDirectory == null ? Path.of(command) : workingDirectory.resolve(command);
            if (!Files.isRegularFile(path)) {
                throw unavailable("command '" + command + "' not found");
            }
            if (!Files.isExecutable(path)) {
                throw unavailable("command '" + command + "' is not executable");
            }
            return path.toAbsolutePath();
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw unavailable("command '" + command + "' not found on PATH");
    }

    private static AdapterException unavailable(String message) {
        return new AdapterException(ErrorKind.UNAVAILABLE, message, "command_not_found", null, null, null);
    }
}
