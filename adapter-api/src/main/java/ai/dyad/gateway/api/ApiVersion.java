package ai.dyad.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The semantic version of this adapter API, which plugins name in their {@code Plugin-Requires} range, such as
 * {@code >=1.0.0 & <2.0.0}. A minor version only adds (new default methods, new types, new optional record
 * factories); a major version may remove or change what a plugin compiled against, so the host refuses
 * plugins whose range excludes its version and lists them as failed with the reason.
 */
public final class ApiVersion {

    /** The version of the API on the class path, such as {@code 1.0.0}. */
    public static final String CURRENT = load();

    private ApiVersion() {}

    private static String load() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("adapter-api jar lacks api-version.properties", e);
        }
    }
}
