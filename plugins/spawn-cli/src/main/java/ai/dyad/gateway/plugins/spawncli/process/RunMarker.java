package ai.dyad.gateway.plugins.spawncli.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A random environment variable set for one run, which every process the CLI starts inherits. It finds the
 * processes a tree walk cannot: a child forked in the instant the CLI was killed, or a background process left
 * behind, is re-parented to init and no longer a descendant of anything we hold. Linux exposes each process's
 * initial environment in {@code /proc/<pid>/environ} (readable for our own user's processes); elsewhere
 * {@link #findProcesses} finds nothing and the tree walk alone applies. A process that clears its environment
 * escapes this net, so it complements the tree walk rather than replacing it.
 */
public final class RunMarker {

    /** The variable's name, visible to the CLI. */
    public static final String VARIABLE = "SPAWN_CLI_RUN";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path PROC = Path.of("/proc");

    private final String value;
    private final byte[] entry;

    private RunMarker(String value) {
        this.value = value;
        this.entry = (VARIABLE + "=" + value).getBytes(StandardCharsets.US_ASCII);
    }

    public static RunMarker random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new RunMarker(HexFormat.of().formatHex(bytes));
    }

    public String value() {
        return value;
    }

    /** The live processes (other than this JVM) started with this marker in their environment. */
    public List<ProcessHandle> findProcesses() {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, RunMarker::isPid)) {
            for (Path process : entries) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && carriesMarker(process.resolve("environ"))) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            // No /proc to read: the tree walk has to do.
        }
        return found;
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private boolean carriesMarker(Path environ) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or another user's process
        }
        // Entries are NUL-terminated "NAME=value" strings; match a whole entry.
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(bytes, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
