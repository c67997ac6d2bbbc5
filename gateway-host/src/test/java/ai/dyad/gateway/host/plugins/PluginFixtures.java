package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.TestGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The reactor-built test plugins (plugins/test-fixtures) and ways to put them where a gateway finds them. */
final class PluginFixtures {

    private PluginFixtures() {}

    /** A test plugin jar, such as {@code hot-echo-v1}. */
    static Path jar(String fixture) {
        Path jar = Path.of(System.getProperty("dyad.test.fixture-plugins"), fixture + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("test plugin " + jar + " is missing; build with the reactor");
        }
        return jar;
    }

    static byte[] bytes(String fixture) {
        try {
            return Files.readAllBytes(jar(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a test plugin into a stopped gateway's plugins folder. */
    static void install(Path home, String fixture) {
        copyLikeCp(jar(fixture), home.resolve("plugins").resolve(fixture + ".jar"));
    }

    /**
     * Copies the way {@code cp} does: the target is truncated and rewritten in place, in pieces, so a watcher
     * can see it half written and a loader holding the old file open would read garbage.
     */
    static void copyLikeCp(Path source, Path target) {
        try {
            byte[] content = Files.readAllBytes(source);
            try (OutputStream out = Files.newOutputStream(
                    target,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                for (int start = 0; start < content.length; start += 64 * 1024) {
                    out.write(content, start, Math.min(64 * 1024, content.length - start));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a jar slowly, in pieces with pauses shorter than the settle time between them.
     *
     * @return the {@link System#nanoTime()} at which the last byte was written
     */
    static long copySlowly(Path source, Path target, int pieces, long pauseMillis) throws Exception {
        byte[] content = Files.readAllBytes(source);
        int piece = (content.length + pieces - 1) / pieces;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int start = 0; start < content.length; start += piece) {
                Thread.sleep(pauseMillis);
                out.write(Arrays.copyOfRange(content, start, Math.min(content.length, start + piece)));
                out.flush();
            }
        }
        return System.nanoTime();
    }

    /** Registers a provider of {@code type} serving {@code model} in a stopped gateway's store. */
    static void provider(Path home, String name, String type, String model, Map<String, Object> config) {
        TestGateway.seed(home, Provider.create(name, type, config, List.of(ProviderModel.named(model))));
    }

    /** Creates an enabled API key with the given permissions in a stopped gateway's store; returns its secret. */
    static String apiKey(Path home, String name, Set<String> permissions) {
        ApiKeySecrets secrets = new ApiKeySecrets("sk-dyad-");
        String secret = secrets.newSecret();
        try (Store store = Store.open(Optional.empty(), home.resolve("data"), Clock.systemUTC())) {
            store.apiKeys()
                    .insert(new ApiKey(
                            null,
                            name,
                            secrets.visiblePrefix(secret),
                            ApiKeySecrets.hash(secret),
                            permissions,
                            true,
                            null));
        }
        return secret;
    }

    /** The files this process holds open, as {@code /proc/self/fd} links name them. */
    static List<String> openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString();
                        } catch (IOException gone) {
                            return "";
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
