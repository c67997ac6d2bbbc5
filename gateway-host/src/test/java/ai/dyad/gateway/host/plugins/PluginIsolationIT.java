package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugins bundling Guava 19 and Guava 33 serve side by side in one gateway, each with its own Guava (each
 * uses API the other version lacks), and neither sees the host's classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class PluginIsolationIT {

    @TempDir
    static Path home;

    private TestGateway gateway;
    private GatewayHttp http;
    private String key;

    @BeforeAll
    void start() {
        try (TestGateway first = TestGateway.start(home)) {
            key = first.adminKey();
        }
        PluginFixtures.provider(home, "old", "isolation-old", "guava-old", Map.of());
        PluginFixtures.provider(home, "new", "isolation-new", "guava-new", Map.of());
        PluginFixtures.install(home, "isolation-old");
        gateway = TestGateway.start(home, key, Map.of());
        http = new GatewayHttp(gateway.baseUrl());
        // One plugin was loaded at start; the other is hot-deployed next to it.
        PluginFixtures.copyLikeCp(
                PluginFixtures.jar("isolation-new"), home.resolve("plugins").resolve("isolation-new.jar"));
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void servesTwoMajorVersionsOfOneLibraryEachFromItsOwnPlugin() throws Exception {
        String newer = http.awaitChat(key, "guava-new", "a \t b\n c", r -> r.status() == 200, Duration.ofSeconds(30))
                .answer();
        String older = http.chat(key, "guava-old", "a \t b\n c").answer();

        assertThat(older).startsWith("guava=19.0; guavaFromOwnJar=true;").endsWith("collapsed=a b c");
        assertThat(newer).startsWith("guava=33.5.0-jre; guavaFromOwnJar=true;").endsWith("collapsed=a b c");
        // Asked again after the other plugin ran: each still has its own version.
        assertThat(http.chat(key, "guava-old", "x").answer()).startsWith("guava=19.0;");
    }

    @Test
    void pluginsSeeNeitherHostClassesNorTheHostsLibraries() throws Exception {
        for (String model : new String[] {"guava-old", "guava-new"}) {
            String answer = http.awaitChat(key, model, "x", r -> r.status() == 200, Duration.ofSeconds(30))
                    .answer();
            assertThat(answer)
                    .contains("com.fasterxml.jackson.databind.ObjectMapper=absent")
                    .contains("io.undertow.Undertow=absent")
                    .contains("ai.dyad.gateway.host.Gateway=absent")
                    .contains("contextLoaderIsOwn=true");
        }
    }
}
