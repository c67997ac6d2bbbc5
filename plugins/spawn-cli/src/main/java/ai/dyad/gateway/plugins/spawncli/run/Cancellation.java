package ai.dyad.gateway.plugins.spawncli.run;

/**
 * The one action registered with {@code ChatSink.onCancel} for a call. What cancelling means changes as the call
 * proceeds (leave the queue, then kill the process), so the registered action delegates to the current one.
 */
public final class Cancellation {

    private boolean fired;
    private Runnable action = () -> {};

    /** Runs the current action, once; later calls do nothing. Called on a host thread. */
    public void fire() {
        Runnable current;
        synchronized (this) {
            if (fired) {
                return;
            }
            fired = true;
            current = action;
        }
        current.run();
    }

    public synchronized boolean isFired() {
        return fired;
    }

    /** Sets what cancelling does from now on; runs it at once when the call is already cancelled. */
    public void onFire(Runnable newAction) {
        boolean alreadyFired;
        synchronized (this) {
            action = newAction;
            alreadyFired = fired;
        }
        if (alreadyFired) {
            newAction.run();
        }
    }
}
