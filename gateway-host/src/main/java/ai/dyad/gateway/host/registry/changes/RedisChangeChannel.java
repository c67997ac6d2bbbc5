package ai.dyad.gateway.host.registry.changes;

import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change notices over one Redis pub/sub channel. Publishing never blocks an admin request: a notice lost
 * while Redis is down is made up for by the store counters, which every instance also polls.
 */
final class RedisChangeChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisChangeChannel.class);
    static final String CHANNEL = "dyad:registry:changes";

    private final RTopic topic;
    private volatile int listenerId = -1;

    RedisChangeChannel(RedissonClient redis) {
        this.topic = redis.getTopic(CHANNEL, StringCodec.INSTANCE);
    }

    /** Starts delivering notices to {@code receiver}, on Redisson's threads; Redisson resubscribes after outages. */
    void listen(Consumer<ChangeNotice> receiver) {
        topic.addListenerAsync(String.class, (channel, message) -> ChangeNotice.decode(message)
                        .ifPresentOrElse(receiver, () -> LOG.warn("ignored a malformed registry change notice")))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        LOG.warn("cannot subscribe to registry change notices on Redis: {}", failure.getMessage());
                    } else {
                        listenerId = id;
                    }
                });
    }

    void publish(ChangeNotice notice) {
        topic.publishAsync(notice.encode()).whenComplete((receivers, failure) -> {
            if (failure != null) {
                LOG.warn(
                        "cannot announce a registry change on Redis (others catch up by polling): {}",
                        failure.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (listenerId >= 0) {
            topic.removeListenerAsync(listenerId);
        }
    }
}
