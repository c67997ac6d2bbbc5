package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin archetype end to end, as an adapter author meets it: {@code mvn archetype:generate}, then
 * {@code mvn package} (which runs the generated conformance test), then the jar dropped into a running gateway
 * answers a chat completion, streamed too. The nested Maven runs with a private local repository holding this
 * build's adapter API and archetype, and reads everything else from the user's local repository through a
 * file mirror, so it needs no network and installs nothing into the shared repository.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ArchetypeIT {

    private static final String VERSION = System.getProperty("dyad.test.project-version");

    @TempDir
    static Path work;

    @Test
    void generatesAProjectWhoseJarServesCompletionsWhenDroppedIntoAGateway() throws Exception {
        Path repo = privateRepository();
        Path settings = mirrorSettings();
        Path projects = Files.createDirectories(work.resolve("projects"));

        maven(
                projects,
                settings,
                repo,
                "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate",
                "-DinteractiveMode=false",
                "-DarchetypeCatalog=internal",
                "-DarchetypeGroupId=ai.dyad.gateway",
                "-DarchetypeArtifactId=plugin-archetype",
                "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.example.adapters",
                "-DartifactId=my-adapter",
                "-Dversion=1.0.0",
                "-Dpackage=com.example.adapters.mine");
        Path project = projects.resolve("my-adapter");
        assertThat(project.resolve("src/main/java/com/example/adapters/mine/SampleAdapterFactory.java"))
                .content()
                .contains("package com.example.adapters.mine;")
                .contains("TYPE = \"my-adapter\"");

        String build = maven(project, settings, repo, "package");
        assertThat(build).contains("SampleAdapterConformanceTest").contains("Tests run: 9, Failures: 0, Errors: 0");
        Path jar = project.resolve("target/my-adapter-1.0.0.jar");
        assertThat(jar).isRegularFile();

        Path home = work.resolve("gateway");
        String key;
        try (TestGateway first = TestGateway.start(home)) {
            key = first.adminKey();
        }
        PluginFixtures.provider(home, "mine", "my-adapter", "mine", Map.of("wordDelayMs", 5L));
        try (TestGateway gateway = TestGateway.start(home, key, Map.of())) {
            GatewayHttp http = new GatewayHttp(gateway.baseUrl());
            assertThat(http.chat(key, "mine", "hi").status()).isEqualTo(503);

            Files.copy(jar, home.resolve("plugins/my-adapter-1.0.0.jar"), StandardCopyOption.REPLACE_EXISTING);

            GatewayHttp.Response answer = http.awaitChat(
                    key, "mine", "hello from the archetype", r -> r.status() == 200, Duration.ofSeconds(30));
            assertThat(answer.answer()).isEqualTo("You said: hello from the archetype");
            List<String> deltas = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = gateway.openAi()
                    .chat()
                    .completions()
                    .createStreaming(ChatCompletionCreateParams.builder()
                            .model("mine")
                            .addUserMessage("one two three")
                            .build())) {
                stream.stream().filter(chunk -> !chunk.choices().isEmpty()).forEach(chunk -> chunk.choices()
                        .getFirst()
                        .delta()
                        .content()
                        .filter(text -> !text.isEmpty())
                        .ifPresent(deltas::add));
            }
            assertThat(String.join("", deltas)).isEqualTo("You said: one two three");
            assertThat(deltas).hasSizeGreaterThan(1);
        }
    }

    /** A local repository with this build's parent POM, adapter API (with its test jar) and archetype. */
    private static Path privateRepository() throws IOException {
        Path root = Path.of(System.getProperty("dyad.test.reactor-root"))
                .toAbsolutePath()
                .normalize();
        Path repo = work.resolve("repository");
        install(repo, "dyad-gateway-parent", root.resolve("pom.xml"), "pom");
        install(repo, "adapter-api", root.resolve("adapter-api/pom.xml"), "pom");
        install(repo, "adapter-api", root.resolve("adapter-api/target/adapter-api-" + VERSION + ".jar"), "jar");
        install(
                repo,
                "adapter-api",
                root.resolve("adapter-api/target/adapter-api-" + VERSION + "-tests.jar"),
                "tests.jar");
        install(repo, "plugin-archetype", root.resolve("plugin-archetype/pom.xml"), "pom");
        install(
                repo,
                "plugin-archetype",
                root.resolve("plugin-archetype/target/plugin-archetype-" + VERSION + ".jar"),
                "jar");
        return repo;
    }

    private static void install(Path repo, String artifactId, Path file, String suffix) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; build the reactor (mvn verify) first");
        }
        String name = artifactId + "-" + VERSION + ("tests.jar".equals(suffix) ? "-tests.jar" : "." + suffix);
        Path target = repo.resolve("ai/dyad/gateway")
                .resolve(artifactId)
                .resolve(VERSION)
                .resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Settings that resolve every other artifact from the user's local repository, read-only, as a mirror. */
    private static Path mirrorSettings() throws IOException {
        Path userRepo = Path.of(System.getProperty("dyad.test.local-repo")).toAbsolutePath();
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(userRepo.toUri()), StandardCharsets.UTF_8);
        return settings;
    }

    private static String maven(Path dir, Path settings, Path repo, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("dyad.test.maven-home"), "bin", "mvn")
                        .toString(),
                "-B",
                "-ntp",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + repo));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(work, "maven-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "-Xmx512m");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " hung; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("mvn " + String.join(" ", goals) + " failed:\n"
                    + output.substring(Math.max(0, output.length() - 6_000)));
        }
        return output;
    }
}
