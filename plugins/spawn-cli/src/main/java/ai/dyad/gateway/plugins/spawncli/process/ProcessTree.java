package ai.dyad.gateway.plugins.spawncli.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a process and everything it started. Killing only the CLI would orphan its helpers (a Node CLI's worker,
 * Codex's native binary, a shell's {@code sleep}), which keep running and may keep our stdout pipe open.
 *
 * <p>The descendants are listed <em>before</em> anything is signalled: once a parent dies its children are
 * re-parented and can no longer be found from it. They get {@code SIGTERM} deepest first, then the process itself;
 * after a grace period whatever is still alive (including children started meanwhile) gets {@code SIGKILL}. Both
 * rounds also take the processes carrying the run's {@link RunMarker}: a child forked while its parent was being
 * killed escapes every walk of the tree.
 */
public final class ProcessTree {

    private final ProcessHandle root;
    private final RunMarker marker;
    private final ScheduledExecutorService timer;
    private final Duration grace;
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final Set<ProcessHandle> victims = new LinkedHashSet<>();

    /**
     * @param marker the variable the run was started with; its carriers belong to the tree
     * @param timer runs the {@code SIGKILL} after the grace period
     */
    public ProcessTree(ProcessHandle root, RunMarker marker, ScheduledExecutorService timer, Duration grace) {
        this.root = root;
        this.marker = marker;
        this.timer = timer;
        this.grace = grace;
    }

    /** Sends {@code SIGTERM} to the tree now and schedules {@code SIGKILL}. Idempotent; returns at once. */
    public void terminate() {
        if (!terminating.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> descendants = deepestFirst(root);
        List<ProcessHandle> marked = marker.findProcesses();
        synchronized (victims) {
            victims.addAll(descendants);
            victims.addAll(marked);
            victims.add(root);
        }
        descendants.forEach(ProcessHandle::destroy);
        marked.forEach(ProcessHandle::destroy);
        root.destroy();
        try {
            timer.schedule(this::kill, grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The adapter is closing and kills what is left itself.
            kill();
        }
    }

    /** Sends {@code SIGKILL} to whatever of the tree is still alive, including children started since. */
    public void kill() {
        terminating.set(true);
        List<ProcessHandle> targets = new ArrayList<>();
        synchronized (victims) {
            for (ProcessHandle victim : victims) {
                if (victim.isAlive()) {
                    targets.addAll(deepestFirst(victim));
                }
            }
            targets.addAll(deepestFirst(root));
            targets.addAll(victims);
        }
        targets.addAll(marker.findProcesses());
        targets.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    /** Whether {@link #terminate} or {@link #kill} ran. */
    public boolean isTerminating() {
        return terminating.get();
    }

    /** The descendants of a process, each after its own descendants, so children die before their parents. */
    static List<ProcessHandle> deepestFirst(ProcessHandle parent) {
        List<ProcessHandle> all = parent.descendants().toList();
        return all.stream()
                .sorted(Comparator.comparingInt((ProcessHandle handle) -> depth(handle, parent))
                        .reversed())
                .toList();
    }

    private static int depth(ProcessHandle handle, ProcessHandle ancestor) {
        int depth = 0;
        ProcessHandle current = handle;
        while (current != null && current.pid() != ancestor.pid() && depth < 64) {
            current = current.parent().orElse(null);
            depth++;
        }
        return depth;
    }
}
