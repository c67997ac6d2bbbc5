package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.ApiVersion;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginLoader;

/**
 * PF4J set up for one plugin jar: strict class loading, the adapter API as system version, extensions from
 * {@code META-INF/extensions.idx} only. One manager per loaded jar lets two versions of a plugin live side by
 * side while the old one drains (PF4J allows one plugin per id and manager). Plugins therefore cannot depend
 * on one another, which adapters never need.
 */
final class GatewayPluginManager extends DefaultPluginManager {

    GatewayPluginManager(Path root) {
        super(root);
        setSystemVersion(ApiVersion.CURRENT);
        setExactVersionAllowed(false);
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        // The service-loader finder opens jars as zip file systems; the index is all our plugins use.
        return new LegacyExtensionFinder(this);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new StrictJarPluginLoader(this);
    }
}
