package ai.dyad.gateway.host.auth;

/**
 * Tells the other gateway instances that API keys changed, so a revoked key stops working everywhere
 * within a second. A small interface of this package's own until the registry's general change notifier
 * exists; the composition root picks the implementation.
 */
public interface KeyChangeNotices {

    /** Announces that the key with this id was created, changed or deleted. Never blocks. */
    void announce(String keyId);

    /**
     * Runs {@code onChange} (on a notifier thread: keep it short) when another instance announces a change,
     * and when the notices resume after an interruption, since announcements may have been missed then.
     */
    void listen(Runnable onChange);

    /** Whether announcements reach other instances (false when this instance is alone or polls). */
    boolean crossInstance();

    /** Without Redis: nothing to tell; other instances poll the store every second instead. */
    static KeyChangeNotices none() {
        return new KeyChangeNotices() {
            @Override
            public void announce(String keyId) {}

            @Override
            public void listen(Runnable onChange) {}

            @Override
            public boolean crossInstance() {
                return false;
            }
        };
    }
}
