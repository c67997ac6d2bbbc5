package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.ApiVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;

/**
 * A plugin jar as found in the plugins folder, read from its manifest without loading any of its classes.
 *
 * @param requires the {@code Plugin-Requires} range of adapter API versions; {@code *} when absent
 * @param description nullable
 */
record PluginJar(
        Path path, FileStamp stamp, String id, String version, String requires, String description, boolean indexed) {

    /** Ids and versions become file names, so they may hold only these characters. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    private static final String EXTENSION_INDEX = "META-INF/extensions.idx";

    /**
     * Reads the plugin manifest of {@code path}.
     *
     * @throws InvalidPluginException if the file is no readable jar or lacks a usable {@code Plugin-Id} and
     *     {@code Plugin-Version}
     */
    static PluginJar inspect(Path path, FileStamp stamp) throws InvalidPluginException {
        String name = path.getFileName().toString();
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new InvalidPluginException(name + " has no META-INF/MANIFEST.MF, so it is not a plugin");
            }
            Attributes main = manifest.getMainAttributes();
            String id = required(main, "Plugin-Id", name);
            String version = required(main, "Plugin-Version", name);
            String requires = main.getValue("Plugin-Requires");
            return new PluginJar(
                    path,
                    stamp,
                    id,
                    version,
                    requires == null || requires.isBlank() ? "*" : requires.strip(),
                    main.getValue("Plugin-Description"),
                    jar.getEntry(EXTENSION_INDEX) != null);
        } catch (IOException | SecurityException e) {
            throw new InvalidPluginException(name + " is not a readable jar (" + e.getMessage()
                    + "); if it is still being copied, it is" + " loaded when the copy completes");
        }
    }

    /** Why this gateway cannot run the plugin's API range, if it cannot. */
    java.util.Optional<String> incompatibility() {
        if ("*".equals(requires)) {
            return java.util.Optional.empty();
        }
        boolean compatible;
        try {
            compatible = new DefaultVersionManager().checkVersionConstraint(ApiVersion.CURRENT, requires);
        } catch (RuntimeException e) {
            return java.util.Optional.of(
                    "Plugin-Requires '" + requires + "' is not a version range such as '>=1.0.0 & <2.0.0'");
        }
        return compatible
                ? java.util.Optional.empty()
                : java.util.Optional.of("plugin " + id + " " + version + " requires adapter API " + requires
                        + ", but this gateway provides " + ApiVersion.CURRENT);
    }

    /** The file name this plugin is stored under when uploaded: {@code <id>-<version>.jar}. */
    String canonicalFileName() {
        return id + "-" + version + ".jar";
    }

    private static String required(Attributes main, String attribute, String fileName) throws InvalidPluginException {
        String value = main.getValue(attribute);
        if (value == null || value.isBlank()) {
            throw new InvalidPluginException(fileName + " lacks the manifest entry " + attribute
                    + ", so it is not a plugin (build it with the plugin parent POM or the archetype)");
        }
        if (!SAFE_NAME.matcher(value.strip()).matches()) {
            throw new InvalidPluginException(fileName + ": " + attribute + " '" + value
                    + "' must be letters, digits, '.', '_', '+' or '-' (at most 128)");
        }
        return value.strip();
    }
}
