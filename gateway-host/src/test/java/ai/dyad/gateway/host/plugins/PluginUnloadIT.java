package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.Usage;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replaced plugin version keeps serving the adapters made from it, then unloads completely once the last is
 * closed: its jar copy is no longer open and its class loader is garbage-collected (nothing leaks it).
 */
@Timeout(120)
class PluginUnloadIT {

    @TempDir
    Path plugins;

    @Test
    void aReplacedVersionServesItsAdaptersThenUnloadsAndIsCollected() throws Exception {
        try (PluginHost host = PluginHost.start(plugins, PluginStateStore.inMemory(), false)) {
            PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v1"), plugins.resolve("hot-echo.jar"));
            host.rescan();
            ModelAdapter adapter = createAdapter(host);
            WeakReference<ClassLoader> v1Loader = new WeakReference<>(
                    host.adapterType("hot-echo").orElseThrow().classLoader());

            PluginFixtures.copyLikeCp(PluginFixtures.jar("hot-echo-v2"), plugins.resolve("hot-echo.jar"));
            host.rescan();

            assertThat(host.adapterType("hot-echo").orElseThrow().pluginVersion())
                    .isEqualTo("2.0.0");
            assertThat(chat(adapter, "still v1")).isEqualTo("[v1.0.0] still v1");
            assertThat(host.plugin("hot-echo").draining()).containsExactly(new PluginInfo.Draining("1.0.0", 1));
            assertThat(PluginFixtures.openFiles()).as("open files").anyMatch(file -> file.contains("hot-echo-1.0.0-"));

            adapter.close();
            adapter = null;

            // Nothing asks the host about its plugins meanwhile: the unload alone must let go of everything.
            awaitTrue(
                    () -> PluginFixtures.openFiles().stream().noneMatch(file -> file.contains("hot-echo-1.0.0-")),
                    "the jar copy of version 1 stayed open");
            awaitTrue(
                    () -> {
                        System.gc();
                        return v1Loader.get() == null;
                    },
                    "the class loader of version 1 was never collected: something still references it");
            assertThat(host.plugin("hot-echo").draining()).isEmpty();
            try (ModelAdapter v2 = createAdapter(host)) {
                assertThat(chat(v2, "now v2")).isEqualTo("[v2.0.0] now v2");
            }
        }
        // Closing the host unloads the serving version at once: nothing of the plugins stays open.
        assertThat(PluginFixtures.openFiles()).noneMatch(file -> file.contains("hot-echo-"));
    }

    private static ModelAdapter createAdapter(PluginHost host) {
        AdapterType type = host.adapterType("hot-echo").orElseThrow();
        return type.create(new AdapterContext(
                "p1", "hot", type.configSpec().validate(Map.of()), Clock.systemUTC(), System.getLogger("test")));
    }

    private static String chat(ModelAdapter adapter, String prompt) {
        StringBuilder text = new StringBuilder();
        ChatSink sink = new ChatSink() {
            @Override
            public boolean emit(ChatChunk chunk) {
                text.append(chunk.content());
                return true;
            }

            @Override
            public void complete(FinishReason reason, Usage usage) {}

            @Override
            public void fail(AdapterException error) {
                throw error;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable abortUpstream) {}
        };
        adapter.chat(
                ChatRequest.builder("m", List.of(ChatMessage.of(Role.USER, prompt)))
                        .build(),
                new CallContext("r1", Instant.now().plusSeconds(30), "test"),
                sink);
        return text.toString();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String failure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(50);
        }
    }
}
