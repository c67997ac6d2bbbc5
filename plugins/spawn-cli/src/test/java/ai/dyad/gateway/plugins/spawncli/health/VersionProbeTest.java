package ai.dyad.gateway.plugins.spawncli.health;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec;
import ai.dyad.gateway.plugins.spawncli.config.SpawnSettings;
import ai.dyad.gateway.plugins.spawncli.run.RunThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionProbeTest {

    @TempDir
    Path dir;

    private final RunThreads threads = new RunThreads("test");

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void aHangingVersionCheckIsUnhealthyAndItsTreeKilled() throws Exception {
        Path cli = dir.resolve("hangs");
        Path pidFile = dir.resolve("pids");
        Files.writeString(cli, "#!/bin/sh\nsleep 300 &\necho $$ $! > " + pidFile + "\nwait\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
        SpawnSettings settings = SpawnSettings.from(SpawnConfigSpec.SPEC.validate(Map.of("command", cli.toString())));

        Health health = new VersionProbe(
                        settings,
                        Map.of("PATH", "/usr/bin:/bin"),
                        threads,
                        Duration.ofMillis(200),
                        Duration.ofMillis(300))
                .probe();

        assertThat(health.status()).isEqualTo(Health.Status.UNHEALTHY);
        assertThat(health.detail()).isEqualTo("command '" + cli + "' did not answer its version check within 300 ms");
        for (String pid : Files.readString(pidFile).strip().split(" ")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                try {
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("process " + pid + " survived the failed probe", e);
                }
            });
        }
    }
}
