package ai.dyad.gateway.host.auth;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key change notices over a Redis pub/sub topic (Redisson {@code RTopic}). Redisson resubscribes by itself
 * after Redis comes back; the resubscription triggers a reload, which catches changes announced meanwhile.
 */
public final class RedisKeyChangeNotices implements KeyChangeNotices {

    static final String TOPIC = "dyad:api-keys:changed";
    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyChangeNotices.class);

    private final RTopic topic;

    public RedisKeyChangeNotices(RedissonClient redis) {
        this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
    }

    @Override
    public void announce(String keyId) {
        topic.publishAsync(keyId).whenComplete((receivers, error) -> {
            if (error != null) {
                LOG.warn(
                        "could not announce an API key change over Redis ({}); other instances see it at"
                                + " their next periodic refresh",
                        error.getMessage());
            }
        });
    }

    @Override
    public void listen(Runnable onChange) {
        topic.addListener(String.class, (channel, keyId) -> onChange.run());
        topic.addListener(new StatusListener() {
            @Override
            public void onSubscribe(String channel) {
                onChange.run();
            }

            @Override
            public void onUnsubscribe(String channel) {}
        });
    }

    @Override
    public boolean crossInstance() {
        return true;
    }
}
