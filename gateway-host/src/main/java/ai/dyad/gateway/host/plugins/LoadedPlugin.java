package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.AdapterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded version of a plugin: its private copy of the jar, class loader and adapter factories. Counts the
 * adapters created from it; once it is retired (replaced, removed, disabled) it unloads when the last of them
 * closes, so requests in flight finish on the version they started with.
 */
final class LoadedPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedPlugin.class);

    private final PluginJar jar;
    private final Path copy;
    // Dropped once unloaded, so a drained version kept for the plugin list pins no classes.
    private volatile GatewayPluginManager manager;
    private volatile ClassLoader classLoader;
    private volatile List<AdapterType> types;
    private int adapters;
    private boolean retired;
    private boolean unloaded;
    private Thread unloading;

    private LoadedPlugin(
            PluginJar jar,
            Path copy,
            GatewayPluginManager manager,
            ClassLoader classLoader,
            List<AdapterFactory> factories) {
        this.jar = jar;
        this.copy = copy;
        this.manager = manager;
        this.classLoader = classLoader;
        this.types = factories.stream()
                .map(factory -> new AdapterType(this, factory, call(factory::type)))
                .toList();
    }

    /**
     * Copies the jar to {@code copy} (so the plugins folder can change under it), loads and starts it, and finds
     * its adapter factories. On any failure nothing stays loaded.
     */
    static LoadedPlugin load(PluginJar jar, Path copy) throws PluginLoadException {
        var incompatible = jar.incompatibility();
        if (incompatible.isPresent()) {
            throw new PluginLoadException(incompatible.get());
        }
        if (!jar.indexed()) {
            throw new PluginLoadException("plugin " + jar.id() + " declares no extensions (no META-INF/extensions.idx):"
                    + " annotate its AdapterFactory with @Extension and run the PF4J annotation processor");
        }
        copyJar(jar, copy);
        GatewayPluginManager manager = new GatewayPluginManager(copy.getParent());
        try {
            String id = manager.loadPlugin(copy);
            if (id == null) {
                throw new PluginLoadException(
                        "PF4J could not load " + jar.path().getFileName());
            }
            PluginWrapper wrapper = manager.getPlugin(id);
            if (manager.startPlugin(id) != PluginState.STARTED) {
                throw new PluginLoadException(
                        "plugin " + id + " failed in start(): " + describe(wrapper.getFailedException()));
            }
            ClassLoader loader = wrapper.getPluginClassLoader();
            return new LoadedPlugin(jar, copy, manager, loader, factories(manager, id, loader));
        } catch (PluginLoadException e) {
            discard(manager, jar.id(), copy);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            discard(manager, jar.id(), copy);
            throw new PluginLoadException("plugin " + jar.id() + " could not be loaded: " + describe(e), e);
        }
    }

    PluginJar jar() {
        return jar;
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    /** The adapter types this version provides, created once so their identity marks the version. */
    List<AdapterType> adapterTypes() {
        return types;
    }

    /** Runs plugin code with the plugin's class loader as the thread's context loader, as libraries expect. */
    <T> T call(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Counts one more adapter of this version; {@code false} once it is retired. */
    synchronized boolean retain() {
        if (retired) {
            return false;
        }
        adapters++;
        return true;
    }

    /** One adapter of this version closed. */
    void release() {
        boolean unloadNow;
        synchronized (this) {
            adapters--;
            unloadNow = retired && adapters == 0 && !unloaded;
            unloaded |= unloadNow;
        }
        if (unloadNow) {
            unloadInBackground();
        }
    }

    /** No new adapters from this version; it unloads once the ones it has are closed. */
    void retire() {
        boolean unloadNow;
        synchronized (this) {
            if (retired) {
                return;
            }
            retired = true;
            unloadNow = adapters == 0 && !unloaded;
            unloaded |= unloadNow;
        }
        if (unloadNow) {
            unloadInBackground();
        }
    }

    /** Adapters of this version still open (serving requests in flight while the version drains). */
    synchronized int openAdapters() {
        return adapters;
    }

    synchronized boolean unloaded() {
        return unloaded;
    }

    /** Waits (at most {@code millis}) for an unload in progress, so a shutdown leaves nothing open. */
    void awaitUnload(long millis) throws InterruptedException {
        Thread thread;
        synchronized (this) {
            thread = unloading;
        }
        if (thread != null) {
            thread.join(millis);
        }
    }

    private void unloadInBackground() {
        // A plugin's stop() may take its time; it never runs on a request's thread.
        Thread thread = Thread.ofVirtual().name("plugin-unload-" + jar.id()).unstarted(() -> {
            discard(manager, jar.id(), copy);
            manager = null;
            classLoader = null;
            types = List.of();
            LOG.info("plugin {} {} unloaded", jar.id(), jar.version());
        });
        synchronized (this) {
            unloading = thread;
        }
        thread.start();
    }

    private static List<AdapterFactory> factories(GatewayPluginManager manager, String id, ClassLoader loader)
            throws PluginLoadException {
        for (String className : manager.getExtensionClassNames(id)) {
            try {
                Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginLoadException(
                        "plugin " + id + ": extension class " + className + " cannot be loaded: " + describe(e), e);
            }
        }
        List<AdapterFactory> factories = new ArrayList<>(manager.getExtensions(AdapterFactory.class, id));
        if (factories.isEmpty()) {
            throw new PluginLoadException("plugin " + id + " provides no AdapterFactory extension");
        }
        for (AdapterFactory factory : factories) {
            String type = factory.type();
            if (type == null || type.isBlank()) {
                throw new PluginLoadException(
                        "plugin " + id + ": " + factory.getClass().getName() + ".type() returned no adapter type name");
            }
        }
        return factories;
    }

    private static void copyJar(PluginJar jar, Path copy) throws PluginLoadException {
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(jar.path(), copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PluginLoadException("cannot copy " + jar.path().getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void discard(GatewayPluginManager manager, String id, Path copy) {
        try {
            if (manager.getPlugin(id) != null) {
                manager.stopPlugin(id);
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("plugin {} did not stop cleanly: {}", id, describe(e));
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            LOG.warn("cannot delete the plugin copy {}: {}", copy, e.getMessage());
        }
    }

    /** The exception and, if another lies beneath it, its root cause: class names and messages, no trace. */
    static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? oneLine(e) : oneLine(e) + " (cause: " + oneLine(root) + ")";
    }

    private static String oneLine(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
