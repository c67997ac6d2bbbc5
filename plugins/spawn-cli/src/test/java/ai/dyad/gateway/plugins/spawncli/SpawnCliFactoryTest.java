package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.config.ConfigField;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnCliFactoryTest {

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        // Without this index (its processor is not found by itself on JDK 23+) the host finds no factory. The test
        // sources get an index of their own (empty), hence all of them are read.
        java.util.List<String> indexes = new java.util.ArrayList<>();
        for (java.net.URL url :
                java.util.Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream index = url.openStream()) {
                indexes.add(new String(index.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes).anySatisfy(index -> assertThat(index).contains(SpawnCliFactory.class.getName()));
    }

    @Test
    void offersTheDocumentedConfigKeys() {
        SpawnCliFactory factory = new SpawnCliFactory();

        assertThat(factory.type()).isEqualTo("spawn-cli");
        assertThat(factory.configSpec().fields())
                .extracting(ConfigField::name)
                .containsExactly(
                        "preset",
                        "command",
                        "args",
                        "extraArgs",
                        "input",
                        "output",
                        "workingDirectory",
                        "env",
                        "inheritEnv",
                        "timeout",
                        "maxConcurrent",
                        "maxQueue",
                        "maxOutputBytes",
                        "healthArgs");
    }

    @Test
    void refusesSettingsThatMakeNoSenseTogether() {
        SpawnCliFactory factory = new SpawnCliFactory();

        assertThatThrownBy(() -> factory.create(new AdapterContext(
                        "p",
                        "p",
                        factory.configSpec().validate(Map.of("command", "x", "args", java.util.List.of("{prompt}"))),
                        Clock.systemUTC(),
                        System.getLogger("test"))))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("input");
    }
}
