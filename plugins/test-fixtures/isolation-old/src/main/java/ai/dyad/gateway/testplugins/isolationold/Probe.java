package ai.dyad.gateway.testplugins.isolationold;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reports the bundled Guava version and which host classes are visible to this plugin. */
final class Probe {

    private static final String[] HOST_CLASSES = {
        "com.fasterxml.jackson.databind.ObjectMapper", "io.undertow.Undertow", "ai.dyad.gateway.host.Gateway"
    };

    private Probe() {}

    static String report(Class<?> guavaClass, Class<?> own) {
        StringBuilder out = new StringBuilder("guava=").append(guavaVersion(guavaClass));
        out.append("; guavaFromOwnJar=").append(guavaClass.getClassLoader() == own.getClassLoader());
        for (String name : HOST_CLASSES) {
            out.append("; ").append(name).append('=').append(visible(name) ? "visible" : "absent");
        }
        out.append("; contextLoaderIsOwn=")
                .append(Thread.currentThread().getContextClassLoader() == own.getClassLoader());
        return out.toString();
    }

    private static String guavaVersion(Class<?> guavaClass) {
        try (InputStream in = guavaClass
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/com.google.guava/guava/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            try {
                Thread.currentThread().getContextClassLoader().loadClass(className);
                return true;
            } catch (ClassNotFoundException | LinkageError again) {
                return false;
            }
        }
    }
}
