package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that lets only the adapter API, PF4J and SLF4J come from the host; everything else
 * comes from the plugin's own jar or the JDK. PF4J's default falls back to the host class path, which would
 * silently mix a plugin's library versions with the host's.
 */
final class StrictPluginClassLoader extends PluginClassLoader {

    private static final List<String> SHARED_PACKAGES = List.of("ai.dyad.gateway.api.", "org.pf4j.", "org.slf4j.");

    private final ClassLoader host;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    StrictPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, host, ClassLoadingStrategy.PDA);
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (isShared(name)) {
                return host.loadClass(name);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try {
                return platform.loadClass(name);
            } catch (ClassNotFoundException notInJdk) {
                return findClass(name);
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : platform.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        all.addAll(Collections.list(platform.getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
