package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter plugins of this gateway: keeps the loaded plugins in step with the plugins folder (hot deploy),
 * answers which adapter types exist, and carries out the operator's plugin actions. Changes are serialised by
 * one lock; readers get immutable snapshots without locking. Listeners hear of every change of adapter types.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginFolder folder;
    private final PluginLibrary library;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile Map<String, AdapterType> types = Map.of();
    private volatile Map<String, String> missingTypeReasons = Map.of();
    private PluginsFolderWatcher watcher;

    private PluginHost(PluginFolder folder, PluginLibrary library) {
        this.folder = folder;
        this.library = library;
    }

    /**
     * Loads and starts every plugin jar in {@code pluginsDir}; with {@code watch}, keeps following the folder.
     * A plugin that fails is reported in {@link #plugins()}, never fatal.
     */
    public static PluginHost start(Path pluginsDir, PluginStateStore states, boolean watch) {
        PluginHost host = new PluginHost(new PluginFolder(pluginsDir), new PluginLibrary(states, copiesDir()));
        host.rescan();
        if (watch) {
            host.watcher = PluginsFolderWatcher.start(host.folder, host::apply);
        }
        return host;
    }

    /** The adapter type, if a started plugin provides it. */
    public Optional<AdapterType> adapterType(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** The adapter types available now, sorted. */
    public Set<String> types() {
        return new java.util.TreeSet<>(types.keySet());
    }

    /** How many plugins (and non-plugin files) are in each state ({@code started}, {@code failed}, ...), for metrics. */
    public Map<String, Integer> countsByState() {
        Map<String, Integer> counts = new TreeMap<>();
        for (PluginStatus state : PluginStatus.values()) {
            counts.put(state.name().toLowerCase(java.util.Locale.ROOT), 0);
        }
        for (PluginInfo plugin : plugins()) {
            counts.merge(plugin.state().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Why an adapter type is not available, for the 503 a provider of that type answers. Lock-free, as it is
     * asked while the provider runtime reloads (which plugin changes also trigger).
     */
    public String unavailableReason(String type) {
        return missingTypeReasons.getOrDefault(type, "no installed plugin provides adapter type '" + type + "'");
    }

    /** Calls {@code listener} after every change of the available adapter types (on the changing thread). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Every plugin and every file in the folder that is not one, sorted by id. */
    public List<PluginInfo> plugins() {
        synchronized (lock) {
            return library.infos();
        }
    }

    public PluginInfo plugin(String id) throws NoSuchPluginException {
        synchronized (lock) {
            return library.info(id);
        }
    }

    /** Switches a plugin on (remembered across restarts) and starts it. */
    public PluginInfo enable(String id) throws NoSuchPluginException {
        synchronized (lock) {
            library.enable(id);
            publish();
            return library.info(id);
        }
    }

    /** Switches a plugin off (remembered across restarts); requests in flight finish first. */
    public PluginInfo disable(String id) throws NoSuchPluginException {
        synchronized (lock) {
            library.disable(id);
            publish();
            return library.info(id);
        }
    }

    /**
     * Loads the plugin's jar again and swaps it in, as if it had been replaced.
     *
     * @throws IllegalStateException if the plugin is disabled
     */
    public PluginInfo reload(String id) throws NoSuchPluginException {
        synchronized (lock) {
            library.reload(id);
            publish();
            return library.info(id);
        }
    }

    /** Deletes the plugin's jar from the folder and unloads it once its requests in flight have finished. */
    public void remove(String id) throws NoSuchPluginException {
        synchronized (lock) {
            List<Path> files = library.filesOf(id);
            if (files.isEmpty()) {
                throw new NoSuchPluginException(id);
            }
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + file, e);
                }
            }
            library.forget(id);
            rescan();
        }
    }

    /**
     * Installs an uploaded plugin jar under its canonical name {@code <id>-<version>.jar}, replacing any other
     * jar of the same plugin, and loads it.
     *
     * @throws InvalidPluginException if the bytes are no plugin jar this gateway can run
     */
    public PluginInfo install(byte[] jarBytes) throws InvalidPluginException, IOException {
        synchronized (lock) {
            Path temporary = folder.writeTemporary(jarBytes);
            try {
                PluginJar jar = PluginLibrary.checkInstallable(temporary);
                List<Path> others = library.filesOf(jar.id());
                Path installed = folder.moveIntoPlace(temporary, jar.canonicalFileName());
                for (Path other : others) {
                    if (!other.equals(installed)) {
                        Files.deleteIfExists(other);
                    }
                }
                rescan();
                return library.info(jar.id());
            } catch (NoSuchPluginException e) {
                throw new IllegalStateException("the plugin just installed is missing from the folder", e);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Brings the loaded plugins in step with the folder now, taking every file as complete. */
    public void rescan() {
        apply(folder.scan(), Set.of());
    }

    /** Applies a view of the folder: {@code settled} files as they are, {@code unsettled} ones left as they were. */
    void apply(Map<Path, FileStamp> settled, Set<Path> unsettled) {
        synchronized (lock) {
            if (library.apply(settled, unsettled)) {
                publish();
            }
        }
    }

    private void publish() {
        missingTypeReasons = Map.copyOf(library.missingTypeReasons());
        Map<String, AdapterType> next = library.adapterTypes();
        if (!next.equals(types)) {
            types = Map.copyOf(next);
            LOG.info("adapter types now available: {}", new TreeMap<>(next).keySet());
        }
        // Listeners also hear of swaps that keep the type names: the new version's adapters must be made.
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("a plugin change listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        synchronized (lock) {
            library.close();
            types = Map.of();
        }
    }

    private static Path copiesDir() {
        try {
            return Files.createTempDirectory("dyad-plugins-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for plugin copies in java.io.tmpdir", e);
        }
    }
}
