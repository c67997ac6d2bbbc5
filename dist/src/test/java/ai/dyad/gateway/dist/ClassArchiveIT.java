package ai.dyad.gateway.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class archives: the AOT cache the build puts in {@code cache/} serves a first start on a fresh data
 * folder; a cache that does not fit (other jars, other JVM options, a damaged file) is passed over and the gateway
 * starts as before, making its class archive in {@code DATA_DIR/cache} at its first exit.
 */
@Timeout(300)
class ClassArchiveIT {

    private static final Path DIST = Path.of(System.getProperty("dist.home"));
    // Loaded by every start, from lib/gateway-host.
    private static final String GATEWAY_CLASS = "ai.dyad.gateway.host.Gateway";

    @TempDir
    Path work;

    /** The AOT cache needs JDK 25; the build makes it unless told not to (dist.aotCache.skip). */
    private static void assumeTheBuildMadeACache() {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        assumeTrue(!Boolean.getBoolean("dist.aotCache.skip"), "the build was told to skip the AOT cache");
    }

    @Test
    void aFirstStartOnAFreshDataFolderMapsTheCacheFromTheBuild() throws Exception {
        assumeTheBuildMadeACache();
        assertThat(aotCaches(DIST)).as("the build ships one AOT cache").hasSize(1);

        try (LaunchedGateway gateway = LaunchedGateway.start(DIST, work, Map.of())) {
            assertThat(gateway.healthStatus()).isEqualTo(200);
            assertThat(gateway.stop()).isZero();
            assertThat(gateway.loadedFromArchive(GATEWAY_CLASS))
                    .as(gateway.console())
                    .isTrue();
            assertThat(dataDirArchives(gateway)).as("no archive of its own").isEmpty();
        }
    }

    @Test
    void aCacheMadeWithOtherJarsIsPassedOverAndTheDataFolderGetsAnArchive() throws Exception {
        Path home = copyOfTheDistribution();
        // A jar replaced in place: the JVM would refuse a cache made with the old one (it checks the jars' times).
        Path jar = home.resolve("lib").resolve(jarNamed(home, "gateway-host-"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));

        try (LaunchedGateway gateway = LaunchedGateway.start(home, work, Map.of())) {
            assertThat(gateway.healthStatus()).isEqualTo(200);
            assertThat(gateway.stop()).isZero();
            assertThat(gateway.loadedFromArchive(GATEWAY_CLASS)).isFalse();
            assertThat(gateway.console()).doesNotContain("[error]");
            assertThat(dataDirArchives(gateway)).as("made at the first exit").hasSize(1);
        }
    }

    @Test
    void aRebuiltJarOfTheSameSizeAndTimeIsNotTakenForTheOldOne() throws Exception {
        assumeTheBuildMadeACache();
        Path home = copyOfTheDistribution();
        // As a rebuild with a one-constant change can leave it: same name, same size, the build's fixed time.
        Path jar = home.resolve("lib").resolve(jarNamed(home, "gateway-host-"));
        FileTime time = Files.getLastModifiedTime(jar);
        byte[] bytes = Files.readAllBytes(jar);
        touchAnEntryTime(bytes, "META-INF/maven/ai.dyad.gateway/gateway-host/pom.xml");
        Files.write(jar, bytes);
        Files.setLastModifiedTime(jar, time);

        try (LaunchedGateway gateway = LaunchedGateway.start(home, work, Map.of())) {
            assertThat(gateway.healthStatus()).isEqualTo(200);
            assertThat(gateway.loadedFromArchive(GATEWAY_CLASS)).isFalse();
            assertThat(gateway.stop()).isZero();
        }
    }

    @Test
    void otherJavaOptionsPassTheCacheOver() throws Exception {
        try (LaunchedGateway gateway = LaunchedGateway.start(DIST, work, Map.of("JAVA_OPTS", "-Xss1m"))) {
            assertThat(gateway.healthStatus()).isEqualTo(200);
            assertThat(gateway.loadedFromArchive(GATEWAY_CLASS)).isFalse();
            assertThat(gateway.stop()).isZero();
            assertThat(dataDirArchives(gateway)).as("made at the first exit").hasSize(1);
        }
    }

    @Test
    void aDamagedCacheDoesNotStopTheGatewayFromStarting() throws Exception {
        assumeTheBuildMadeACache();
        Path home = copyOfTheDistribution();
        Path cache = aotCaches(home).getFirst();
        Files.write(cache, new byte[64 * 1024]);

        try (LaunchedGateway gateway = LaunchedGateway.start(home, work, Map.of())) {
            assertThat(gateway.healthStatus()).isEqualTo(200);
            assertThat(gateway.loadedFromArchive(GATEWAY_CLASS)).isFalse();
            assertThat(gateway.stop()).isZero();
        }
    }

    /** The built folder, copied with its files' times (which the JVM checks against a cache). */
    private Path copyOfTheDistribution() throws IOException {
        Path home = work.resolve("dyad-gateway");
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path file : files.toList()) {
                Files.copy(file, home.resolve(DIST.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return home;
    }

    private static List<Path> aotCaches(Path home) throws IOException {
        Path cache = home.resolve("cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".aot"))
                    .toList();
        }
    }

    private static List<Path> dataDirArchives(LaunchedGateway gateway) throws IOException {
        Path cache = gateway.dataDir().resolve("cache");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa"))
                    .toList();
        }
    }

    /** Changes the time of an entry in the jar's central directory: the jar stays valid, its content differs. */
    private static void touchAnEntryTime(byte[] jar, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        int central = -1;
        for (int i = 0; i + name.length <= jar.length; i++) {
            if (Arrays.equals(jar, i, i + name.length, name, 0, name.length)) {
                central = i; // the last occurrence is the central directory's; its header is 46 bytes long
            }
        }
        assertThat(central).as(entry).isGreaterThan(46);
        jar[central - 46 + 12] ^= 1; // the entry's modification time, low byte
    }

    private static String jarNamed(Path home, String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
