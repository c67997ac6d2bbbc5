package ai.dyad.gateway.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextExecutorTest {

    @Test
    void handsTheRequestIdToTheThreadThatRunsTheTask() throws Exception {
        try (ExecutorService executor = new LogContextExecutor(Executors.newVirtualThreadPerTaskExecutor())) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            MDC.put("request_id", "req-abc");
            try {
                executor.execute(() -> seen.complete(MDC.get("request_id")));
            } finally {
                MDC.remove("request_id");
            }
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("req-abc");

            CompletableFuture<String> none = new CompletableFuture<>();
            executor.execute(() -> none.complete(String.valueOf(MDC.get("request_id"))));
            assertThat(none.get(10, TimeUnit.SECONDS)).isEqualTo("null");
        }
    }
}
