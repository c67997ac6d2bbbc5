package ai.dyad.gateway.host.plugins;

import java.nio.file.Path;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** Loads plugin jars with a {@link StrictPluginClassLoader}. */
final class StrictJarPluginLoader extends JarPluginLoader {

    StrictJarPluginLoader(PluginManager manager) {
        super(manager);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        PluginClassLoader loader = new StrictPluginClassLoader(
                pluginManager, descriptor, getClass().getClassLoader());
        loader.addFile(pluginPath.toFile());
        return loader;
    }
}
