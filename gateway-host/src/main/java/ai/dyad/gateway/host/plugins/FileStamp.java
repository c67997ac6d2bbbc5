package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What a file looked like at one moment: its size and modification time. A file still being copied changes
 * its stamp between looks; one that holds still is complete (or abandoned, which the jar check then catches).
 */
record FileStamp(long size, long modifiedNanos) {

    /** The stamp of {@code file}, or empty if it is gone or unreadable. */
    static Optional<FileStamp> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileStamp(
                    attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
