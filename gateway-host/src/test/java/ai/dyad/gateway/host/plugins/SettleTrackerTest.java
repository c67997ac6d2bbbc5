package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettleTrackerTest {

    private static final long MS = 1_000_000;
    private final SettleTracker tracker = new SettleTracker(Duration.ofMillis(200));
    private final Path jar = Path.of("plugins", "a.jar");

    @Test
    void aNewFileSettlesOnlyAfterHoldingStillForTheSettleTime() {
        Map<Path, FileStamp> folder = Map.of(jar, new FileStamp(100, 1));

        assertThat(tracker.observe(folder, 0).unsettled()).containsExactly(jar);
        assertThat(tracker.observe(folder, 150 * MS).unsettled()).containsExactly(jar);
        SettleTracker.View settled = tracker.observe(folder, 200 * MS);
        assertThat(settled.settled()).containsEntry(jar, new FileStamp(100, 1));
        assertThat(settled.pending()).isFalse();
    }

    @Test
    void aFileThatKeepsGrowingNeverSettles() {
        for (int i = 0; i < 20; i++) {
            SettleTracker.View view = tracker.observe(Map.of(jar, new FileStamp(1000L * i, i)), i * 150 * MS);
            assertThat(view.settled()).isEmpty();
            assertThat(view.pending()).isTrue();
        }
    }

    @Test
    void aChangeRestartsTheWait() {
        tracker.observe(Map.of(jar, new FileStamp(100, 1)), 0);
        assertThat(tracker.observe(Map.of(jar, new FileStamp(200, 2)), 300 * MS).settled())
                .isEmpty();
        assertThat(tracker.observe(Map.of(jar, new FileStamp(200, 2)), 500 * MS).settled())
                .containsKey(jar);
    }

    @Test
    void forgetsDeletedFiles() {
        tracker.observe(Map.of(jar, new FileStamp(100, 1)), 0);
        SettleTracker.View empty = tracker.observe(Map.of(), 300 * MS);
        assertThat(empty.settled()).isEmpty();
        assertThat(empty.unsettled()).isEmpty();
        // Back again: it must hold still anew.
        assertThat(tracker.observe(Map.of(jar, new FileStamp(100, 1)), 400 * MS).unsettled())
                .containsExactly(jar);
    }
}
