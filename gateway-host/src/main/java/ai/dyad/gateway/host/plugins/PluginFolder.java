package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The plugins folder on disk: which jars it holds, and writing uploaded ones. Hidden files and files not
 * ending in {@code .jar} are ignored, so tools can copy into a temporary name and rename.
 */
final class PluginFolder {

    private final Path dir;

    PluginFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create PLUGINS_DIR " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** The jars in the folder now, with their stamps. */
    Map<Path, FileStamp> scan() {
        Map<Path, FileStamp> jars = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(PluginFolder::isCandidate)
                    .forEach(file -> FileStamp.of(file).ifPresent(stamp -> jars.put(file, stamp)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list PLUGINS_DIR " + dir, e);
        }
        return jars;
    }

    /** Writes bytes to a hidden temporary file in the folder (same file system, so it can be renamed into place). */
    Path writeTemporary(byte[] content) throws IOException {
        Path temporary = dir.resolve(".upload-" + UUID.randomUUID() + ".tmp");
        Files.write(temporary, content);
        return temporary;
    }

    /** Renames a temporary file to its final name in one step, so the watcher never sees it half written. */
    Path moveIntoPlace(Path temporary, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        try {
            return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jar") && !name.startsWith(".") && Files.isRegularFile(file);
    }
}
