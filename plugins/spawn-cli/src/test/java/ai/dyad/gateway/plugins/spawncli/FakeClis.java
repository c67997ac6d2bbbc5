package ai.dyad.gateway.plugins.spawncli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Installs the test CLIs of {@code src/test/resources/fakecli} as executables in a folder (resources lose their
 * executable bit when Maven copies them), and finds the real CLI fixtures.
 */
final class FakeClis {

    private FakeClis() {}

    /** Installs script {@code name} as {@code dir/installedName}, executable, and returns its path. */
    static Path install(Path dir, String name, String installedName) {
        Path target = dir.resolve(installedName);
        try (InputStream in = FakeClis.class.getResourceAsStream("/fakecli/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test CLI named " + name);
            }
            Files.createDirectories(dir);
            Files.copy(in, target);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path install(Path dir, String name) {
        return install(dir, name, name);
    }

    /** A real CLI's captured stdout, from {@code src/test/resources/fixtures/cli}. */
    static Path fixture(String file) {
        try {
            return Path.of(FakeClis.class.getResource("/fixtures/cli/" + file).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String CLAUDE = "claude-code-2.1.197.stream-json.jsonl";
    static final String CODEX = "codex-0.171.0.exec-json.jsonl";
    static final String GEMINI = "gemini-cli-0.61.0.stream-json.jsonl";
}
