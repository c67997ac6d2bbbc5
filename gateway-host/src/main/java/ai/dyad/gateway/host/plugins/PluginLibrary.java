package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping behind {@link PluginHost}: which jar claims which plugin id, which version of each plugin
 * serves, and how to get from one folder state to the next. When several jars claim one id, the most recently
 * modified wins, so dropping an older jar in rolls back. Not thread-safe: the host calls it under its lock.
 */
final class PluginLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLibrary.class);

    private final PluginStateStore states;
    private final Path copies;
    private final AtomicLong copyNumber = new AtomicLong();
    private final Map<String, PluginSlot> slots = new TreeMap<>();
    private final Map<Path, PluginJar> plugins = new HashMap<>();
    private final Map<Path, String> notPlugins = new TreeMap<>();
    private Map<Path, FileStamp> applied = Map.of();

    PluginLibrary(PluginStateStore states, Path copies) {
        this.states = states;
        this.copies = copies;
    }

    /** Checks an uploaded file before it goes into the folder: a plugin jar this gateway can load. */
    static PluginJar checkInstallable(Path file) throws InvalidPluginException {
        PluginJar jar = PluginJar.inspect(file, FileStamp.of(file).orElseThrow());
        Optional<String> incompatible = jar.incompatibility();
        if (incompatible.isPresent()) {
            throw new InvalidPluginException(incompatible.get());
        }
        if (!jar.indexed()) {
            throw new InvalidPluginException("plugin " + jar.id() + " declares no extensions"
                    + " (no META-INF/extensions.idx), so it provides no adapter type");
        }
        return jar;
    }

    /**
     * Takes in a view of the folder and loads, swaps or unloads plugins to match it.
     *
     * @return whether anything changed
     */
    boolean apply(Map<Path, FileStamp> settled, Set<Path> unsettled) {
        // The view may be a moment old (an upload or delete may have happened since): trust it only where the
        // disk still agrees, and keep what was applied before everywhere else until the next look.
        Map<Path, FileStamp> next = new HashMap<>();
        settled.forEach((path, stamp) -> {
            if (FileStamp.of(path).filter(stamp::equals).isPresent()) {
                next.put(path, stamp);
            }
        });
        applied.forEach((path, before) -> {
            boolean goneInView = !settled.containsKey(path) && !unsettled.contains(path);
            boolean reallyGone = goneInView && FileStamp.of(path).isEmpty();
            if (!next.containsKey(path) && !reallyGone) {
                next.put(path, before);
            }
        });
        if (next.equals(applied)) {
            return false;
        }
        for (Path gone : applied.keySet()) {
            if (!next.containsKey(gone)) {
                plugins.remove(gone);
                notPlugins.remove(gone);
            }
        }
        next.forEach((path, stamp) -> {
            if (!stamp.equals(applied.get(path))) {
                inspect(path, stamp);
            }
        });
        applied = Map.copyOf(next);
        reconcile();
        return true;
    }

    void enable(String id) throws NoSuchPluginException {
        PluginSlot slot = slot(id);
        states.setEnabled(id, true);
        if (slot.status == PluginStatus.DISABLED) {
            activate(slot, slot.jar);
        }
    }

    void disable(String id) throws NoSuchPluginException {
        PluginSlot slot = slot(id);
        states.setEnabled(id, false);
        slot.retireActive();
        slot.status = PluginStatus.DISABLED;
        slot.error = null;
        LOG.info("plugin {} disabled", id);
    }

    void reload(String id) throws NoSuchPluginException {
        PluginSlot slot = slot(id);
        if (slot.status == PluginStatus.DISABLED) {
            throw new IllegalStateException("plugin " + id + " is disabled; enable it to load it");
        }
        Path path = slot.jar.path();
        FileStamp stamp = FileStamp.of(path)
                .orElseThrow(() ->
                        new IllegalStateException("the jar of plugin " + id + " is gone from the plugins folder"));
        inspect(path, stamp);
        PluginJar jar = plugins.get(path);
        if (jar == null || !jar.id().equals(id)) {
            throw new IllegalStateException("the jar of plugin " + id + " no longer holds it: " + notPlugins.get(path));
        }
        activate(slot, jar);
    }

    /** The files in the folder that hold the plugin (or, for an invalid file, the file itself); maybe none. */
    List<Path> filesOf(String id) {
        List<Path> files = plugins.values().stream()
                .filter(jar -> jar.id().equals(id))
                .map(PluginJar::path)
                .collect(Collectors.toCollection(ArrayList::new));
        notPlugins.keySet().stream()
                .filter(path -> path.getFileName().toString().equals(id))
                .forEach(files::add);
        return files;
    }

    void forget(String id) {
        states.forget(id);
    }

    PluginInfo info(String id) throws NoSuchPluginException {
        PluginSlot slot = slots.get(id);
        if (slot != null) {
            return slot.info();
        }
        return notPlugins.entrySet().stream()
                .filter(entry -> entry.getKey().getFileName().toString().equals(id))
                .findFirst()
                .map(entry -> invalidInfo(entry.getKey(), entry.getValue()))
                .orElseThrow(() -> new NoSuchPluginException(id));
    }

    List<PluginInfo> infos() {
        List<PluginInfo> all = new ArrayList<>();
        slots.values().forEach(slot -> all.add(slot.info()));
        notPlugins.forEach((path, error) -> all.add(invalidInfo(path, error)));
        all.sort(Comparator.comparing(PluginInfo::id));
        return all;
    }

    /** The adapter types of the serving versions; for a type two plugins provide, the first id wins. */
    Map<String, AdapterType> adapterTypes() {
        Map<String, AdapterType> types = new LinkedHashMap<>();
        for (PluginSlot slot : slots.values()) {
            List<String> taken = new ArrayList<>();
            for (AdapterType type : slot.activeTypes()) {
                AdapterType earlier = types.putIfAbsent(type.type(), type);
                if (earlier != null) {
                    taken.add("adapter type '" + type.type() + "' is already provided by plugin " + earlier.pluginId()
                            + "; this plugin's is ignored");
                }
            }
            slot.conflict = taken.isEmpty() ? null : String.join("; ", taken);
        }
        return types;
    }

    /** For the adapter types of plugins that are disabled or failed: why they are not available. */
    Map<String, String> missingTypeReasons() {
        Map<String, String> reasons = new HashMap<>();
        for (PluginSlot slot : slots.values()) {
            for (String type : slot.knownTypes) {
                switch (slot.status) {
                    case DISABLED ->
                        reasons.putIfAbsent(type, "plugin " + slot.id + " (adapter type '" + type + "') is disabled");
                    case FAILED ->
                        reasons.putIfAbsent(
                                type, "plugin " + slot.id + " (adapter type '" + type + "') failed: " + slot.error);
                    default -> {}
                }
            }
        }
        return reasons;
    }

    void close() {
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (PluginSlot slot : slots.values()) {
            loaded.addAll(slot.loaded());
            slot.retireActive();
        }
        slots.clear();
        try {
            for (LoadedPlugin plugin : loaded) {
                plugin.awaitUnload(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(copies)) {
            for (Path copy : files.toList()) {
                Files.deleteIfExists(copy);
            }
            Files.deleteIfExists(copies);
        } catch (IOException e) {
            LOG.warn("cannot remove the plugin copies in {}: {}", copies, e.getMessage());
        }
    }

    private void inspect(Path path, FileStamp stamp) {
        try {
            plugins.put(path, PluginJar.inspect(path, stamp));
            notPlugins.remove(path);
        } catch (InvalidPluginException e) {
            plugins.remove(path);
            notPlugins.put(path, e.getMessage());
            LOG.warn("{}", e.getMessage());
        }
    }

    private void reconcile() {
        Map<String, PluginJar> winners = new TreeMap<>();
        for (PluginJar jar : plugins.values()) {
            winners.merge(jar.id(), jar, PluginLibrary::newer);
        }
        for (String id : new TreeSet<>(union(slots.keySet(), winners.keySet()))) {
            PluginJar winner = winners.get(id);
            PluginSlot slot = slots.get(id);
            if (winner == null) {
                slot.retireActive();
                slots.remove(id);
                LOG.info("plugin {} removed", id);
            } else if (slot == null) {
                slot = new PluginSlot(id, states.knownTypes(id));
                slot.jar = winner;
                slots.put(id, slot);
                activate(slot, winner);
            } else if (!winner.equals(slot.jar)) {
                activate(slot, winner);
            }
        }
    }

    private void activate(PluginSlot slot, PluginJar jar) {
        slot.jar = jar;
        if (!states.enabled(slot.id)) {
            slot.retireActive();
            slot.status = PluginStatus.DISABLED;
            slot.error = null;
            return;
        }
        Path copy = copies.resolve(jar.id() + "-" + jar.version() + "-" + copyNumber.incrementAndGet() + ".jar");
        try {
            LoadedPlugin loaded = LoadedPlugin.load(jar, copy);
            String before = slot.active == null ? null : slot.active.jar().version();
            slot.serve(loaded);
            slot.status = PluginStatus.STARTED;
            slot.error = null;
            states.rememberTypes(slot.id, slot.knownTypes);
            LOG.info(
                    "plugin {} {} started{} (adapter types {})",
                    jar.id(),
                    jar.version(),
                    before == null ? "" : ", replacing " + before,
                    slot.knownTypes);
        } catch (PluginLoadException e) {
            LOG.error("{}: {}", jar.path().getFileName(), e.getMessage());
            if (slot.active != null && slot.status == PluginStatus.STARTED) {
                slot.error = "version " + jar.version() + " from " + jar.path().getFileName() + " failed to load, so "
                        + slot.active.jar().version() + " still serves: " + e.getMessage();
            } else {
                slot.status = PluginStatus.FAILED;
                slot.error = e.getMessage();
            }
        }
    }

    private PluginSlot slot(String id) throws NoSuchPluginException {
        PluginSlot slot = slots.get(id);
        if (slot == null) {
            throw new NoSuchPluginException(id);
        }
        return slot;
    }

    private static PluginInfo invalidInfo(Path path, String error) {
        String name = path.getFileName().toString();
        return new PluginInfo(
                name, null, PluginStatus.INVALID, List.of(), error, name, null, null, List.of(), Map.of());
    }

    private static PluginJar newer(PluginJar a, PluginJar b) {
        int byTime = Long.compare(a.stamp().modifiedNanos(), b.stamp().modifiedNanos());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.path()
                                .getFileName()
                                .toString()
                                .compareTo(b.path().getFileName().toString())
                        >= 0
                ? a
                : b;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
