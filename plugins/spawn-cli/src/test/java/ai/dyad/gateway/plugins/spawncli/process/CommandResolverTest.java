package ai.dyad.gateway.plugins.spawncli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResolverTest {

    @TempDir
    Path dir;

    @Test
    void searchesTheChildsPath() throws Exception {
        Path first = Files.createDirectories(dir.resolve("a"));
        Path second = Files.createDirectories(dir.resolve("b"));
        Path tool = executable(second.resolve("tool"));
        Files.writeString(first.resolve("tool"), "not executable");

        Path found = CommandResolver.resolve("tool", Map.of("PATH", first + ":" + second), null);

        assertThat(found).isEqualTo(tool);
    }

    @Test
    void saysClearlyWhenTheCommandIsNotOnPath() {
        assertThatThrownBy(() -> CommandResolver.resolve("claude", Map.of("PATH", dir.toString()), null))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("command 'claude' not found on PATH");
                });
    }

    @Test
    void takesAPathWithASlashAsIs() throws Exception {
        Path tool = executable(dir.resolve("tool"));

        assertThat(CommandResolver.resolve(tool.toString(), Map.of(), null)).isEqualTo(tool);
        assertThat(CommandResolver.resolve("./tool", Map.of(), dir)).isEqualTo(dir.resolve("./tool"));
        assertThatThrownBy(() -> CommandResolver.resolve(dir + "/missing", Map.of(), null))
                .hasMessageContaining("not found");
    }

    private static Path executable(Path path) throws Exception {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
