package ai.dyad.gateway.testplugins.blocking;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.util.concurrent.CountDownLatch;
import org.pf4j.Extension;

/**
 * The {@code blocking} type: every call hangs, deaf to cancellation and interrupts, until the adapter is
 * closed. Only the host's deadline can answer the client.
 */
@Extension
public class BlockingFactory implements AdapterFactory {

    @Override
    public String type() {
        return "blocking";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of();
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        return new ModelAdapter() {
            @Override
            public void chat(ChatRequest request, CallContext call, ChatSink sink) {
                while (closed.getCount() > 0) {
                    try {
                        closed.await();
                    } catch (InterruptedException ignoredOnPurpose) {
                        // This adapter misbehaves: it ignores interrupts.
                    }
                }
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }
}
