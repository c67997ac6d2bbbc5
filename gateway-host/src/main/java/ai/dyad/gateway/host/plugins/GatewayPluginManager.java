package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.ApiVersion;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;

/** PF4J set up for the gateway: plugin jars only, strict class loaders, the adapter API as system version. */
final class GatewayPluginManager extends DefaultPluginManager {

    GatewayPluginManager(Path pluginsDir) {
        super(List.of(pluginsDir));
        setSystemVersion(ApiVersion.CURRENT);
        setExactVersionAllowed(false);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new StrictJarPluginLoader(this);
    }
}
