package ai.dyad.gateway.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMappersTest {

    @Test
    void returnsBuffersToASharedPoolWhenTheThreadIsDoneWithThem() throws Exception {
        ObjectMapper json = JsonMappers.create();
        RecyclerPool<BufferRecycler> pool = json.getFactory()._getRecyclerPool();

        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                json.writeValueAsBytes(Map.of("a", 1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.join();

        // A pool per thread answers -1 here: its buffers stay with each thread, a stream's for its whole life.
        assertThat(pool.pooledCount()).isPositive();
    }
}
