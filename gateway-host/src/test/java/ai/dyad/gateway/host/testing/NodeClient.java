package ai.dyad.gateway.host.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js client project under {@code src/test/node/<name>} (a {@code package.json} with exact versions, its
 * lock file and scripts), installed with {@code npm ci} into {@code target/<name>} and run as a child process. It
 * lets a test drive the gateway with the JavaScript libraries real clients use. Node and npm must be installed
 * ({@code .ci/run} installs them); a missing one fails the test rather than skipping it.
 */
public final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private NodeClient(Path dir) {
        this.dir = dir;
    }

    /** Copies the project to {@code target/} and installs its locked dependencies when the lock file changed. */
    public static NodeClient install(String name) throws IOException, InterruptedException {
        Path source = Path.of("src", "test", "node", name);
        Path dir = Path.of("target", name);
        Files.createDirectories(dir);
        boolean lockChanged = !Files.exists(dir.resolve("node_modules"))
                || Files.mismatch(source.resolve("package-lock.json"), dir.resolve("package-lock.json")) != -1;
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        NodeClient client = new NodeClient(dir);
        if (lockChanged) {
            client.run(TimeUnit.MINUTES.toSeconds(5), "npm", "ci", "--no-audit", "--no-fund");
        }
        return client;
    }

    /** Runs {@code node <script> <args>} and parses the JSON object it prints last. */
    public JsonNode runScript(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        String out = run(120, command.toArray(String[]::new));
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(dir.resolve("stderr.log").toFile())
                    .start();
        } catch (IOException e) {
            return fail(
                    command[0] + " is not installed; this test needs Node.js 20+ and npm"
                            + " (apt-get install nodejs npm, which .ci/run does)",
                    e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String stderr = Files.readString(dir.resolve("stderr.log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), stderr)
                .isZero();
        return Files.readString(dir.resolve("stdout.log"), StandardCharsets.UTF_8);
    }
}
