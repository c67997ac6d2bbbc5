package ai.dyad.gateway.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdapterInstanceTest {

    private final AtomicInteger closes = new AtomicInteger();
    private final AdapterInstance instance = new AdapterInstance(
            new ModelAdapter() {
                @Override
                public void chat(ChatRequest request, CallContext call, ChatSink sink) {}

                @Override
                public void close() {
                    closes.incrementAndGet();
                }
            },
            null,
            null);

    @Test
    void aRetiredAdapterStaysOpenUntilItsLastLeaseEnds() {
        AdapterLease first = instance.acquire().orElseThrow();
        AdapterLease second = instance.acquire().orElseThrow();

        instance.retire();
        assertThat(closes).hasValue(0);
        first.close();
        assertThat(closes).hasValue(0);
        second.close();
        assertThat(closes).hasValue(1);
    }

    @Test
    void aRetiredAdapterGivesNoNewLeases() {
        instance.retire();

        assertThat(instance.acquire()).isEmpty();
        assertThat(instance.retired()).isTrue();
        assertThat(closes).hasValue(1);
    }

    @Test
    void closingALeaseTwiceCountsOnce() {
        AdapterLease lease = instance.acquire().orElseThrow();
        AdapterLease other = instance.acquire().orElseThrow();
        instance.retire();

        lease.close();
        lease.close();

        assertThat(closes).hasValue(0);
        other.close();
        assertThat(closes).hasValue(1);
    }

    @Test
    void anAdapterInUseIsNotClosedWithoutRetirement() {
        instance.acquire().orElseThrow().close();

        assertThat(closes).hasValue(0);
    }
}
