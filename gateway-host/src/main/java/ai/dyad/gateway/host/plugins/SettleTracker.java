package ai.dyad.gateway.host.plugins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells complete files from ones still being written: a file counts as settled once its size and modification
 * time have held still for the settle time. A copy in progress keeps changing both, so it is never loaded half
 * written.
 */
final class SettleTracker {

    /** The folder split into files that held still and files that changed too recently. */
    record View(Map<Path, FileStamp> settled, Set<Path> unsettled) {
        boolean pending() {
            return !unsettled.isEmpty();
        }
    }

    private record Sighting(FileStamp stamp, long sinceNanos) {}

    private final long settleNanos;
    private final Map<Path, Sighting> sightings = new HashMap<>();

    SettleTracker(Duration settle) {
        this.settleNanos = settle.toNanos();
    }

    /** Records what the folder holds at {@code nowNanos} and returns which files have settled. */
    View observe(Map<Path, FileStamp> folder, long nowNanos) {
        sightings.keySet().retainAll(folder.keySet());
        Map<Path, FileStamp> settled = new HashMap<>();
        Set<Path> unsettled = new HashSet<>();
        folder.forEach((path, stamp) -> {
            Sighting seen = sightings.get(path);
            if (seen == null || !seen.stamp().equals(stamp)) {
                sightings.put(path, new Sighting(stamp, nowNanos));
                unsettled.add(path);
            } else if (nowNanos - seen.sinceNanos() >= settleNanos) {
                settled.put(path, stamp);
            } else {
                unsettled.add(path);
            }
        });
        return new View(Map.copyOf(settled), Set.copyOf(unsettled));
    }
}
