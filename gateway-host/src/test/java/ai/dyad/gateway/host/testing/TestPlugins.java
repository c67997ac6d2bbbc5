package ai.dyad.gateway.host.testing;

import ai.dyad.gateway.host.testing.vault.VaultFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Plugin jars made at test time from test classes, in the form the gateway loads: PF4J manifest entries,
 * an extensions index, the classes. The strict plugin class loader then loads those classes from the jar,
 * not from the test class path.
 */
public final class TestPlugins {

    private TestPlugins() {}

    /** Writes the {@code vault-echo} adapter plugin (config with secret fields) into {@code pluginsDir}. */
    public static void installVault(Path pluginsDir) {
        writeJar(pluginsDir.resolve("vault-test-1.0.0.jar"), "vault-test", VaultFactory.class);
    }

    private static void writeJar(Path jar, String pluginId, Class<?> factory) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Requires", ">=1.0.0 & <2.0.0");
        main.putValue("Plugin-Provider", "Dyad Gateway tests");
        try {
            Files.createDirectories(jar.getParent());
            Path classes = Path.of(
                    factory.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packagePath = factory.getPackageName().replace('.', '/');
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest);
                    Stream<Path> files = Files.list(classes.resolve(packagePath))) {
                for (Path classFile :
                        files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    out.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                    out.write(Files.readAllBytes(classFile));
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write((factory.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
