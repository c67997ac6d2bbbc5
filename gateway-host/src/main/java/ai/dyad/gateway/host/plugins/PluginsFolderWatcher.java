package ai.dyad.gateway.host.plugins;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the plugins folder on a background thread and hands each settled view of it to the host. File
 * events wake it at once; it also looks every second, for file systems that report no events. While a file
 * is changing it looks more often, until the file has held still for the settle time.
 */
final class PluginsFolderWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginsFolderWatcher.class);

    static final Duration SETTLE = Duration.ofMillis(200);
    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);
    private static final Duration BUSY_LOOK = Duration.ofMillis(50);

    private final PluginFolder folder;
    private final BiConsumer<Map<Path, FileStamp>, Set<Path>> apply;
    private final SettleTracker tracker = new SettleTracker(SETTLE);
    private final WatchService events;
    private final Thread thread;
    private volatile boolean running = true;

    private PluginsFolderWatcher(
            PluginFolder folder, BiConsumer<Map<Path, FileStamp>, Set<Path>> apply, WatchService events) {
        this.folder = folder;
        this.apply = apply;
        this.events = events;
        this.thread = Thread.ofPlatform().name("plugins-watcher").daemon().unstarted(this::run);
    }

    static PluginsFolderWatcher start(PluginFolder folder, BiConsumer<Map<Path, FileStamp>, Set<Path>> apply) {
        PluginsFolderWatcher watcher = new PluginsFolderWatcher(folder, apply, register(folder.dir()));
        // The folder as loaded at start counts as settled from the first look on.
        watcher.tracker.observe(folder.scan(), System.nanoTime() - SETTLE.toNanos());
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        boolean busy = false;
        while (running) {
            try {
                waitForChange(busy ? BUSY_LOOK : IDLE_LOOK);
                SettleTracker.View view = tracker.observe(folder.scan(), System.nanoTime());
                apply.accept(view.settled(), view.unsettled());
                busy = view.pending();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("watching the plugins folder failed; retrying", e);
                busy = false;
            }
        }
    }

    private void waitForChange(Duration atMost) throws InterruptedException {
        if (events == null) {
            Thread.sleep(atMost);
            return;
        }
        WatchKey key = events.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (key != null) {
            key.pollEvents();
            key.reset();
        }
    }

    private static WatchService register(Path dir) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            dir.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("no file events for {} ({}); looking every second instead", dir, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            if (events != null) {
                events.close();
            }
            thread.join(5_000);
        } catch (IOException e) {
            LOG.debug("closing the plugins folder watch: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
