package ai.dyad.gateway.host.embeddings;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.host.http.AdapterErrors;
import ai.dyad.gateway.host.http.ApiError;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ModelAdapter#embed} on its own virtual thread and waits at most until the deadline, so a slow
 * or stuck adapter cannot hold the request past it (the adapter's thread is interrupted then).
 */
final class EmbeddingExecution {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingExecution.class);

    private final ExecutorService adapterThreads;
    private final Clock clock;

    EmbeddingExecution(ExecutorService adapterThreads, Clock clock) {
        this.adapterThreads = adapterThreads;
        this.clock = clock;
    }

    /**
     * The adapter's vectors, checked to be one per input of the asked size; adapter failures as
     * {@code ApiException}s. {@code model} is the name the client used, for messages.
     */
    EmbeddingResult run(ModelAdapter adapter, EmbeddingRequest request, CallContext context, String model)
            throws InterruptedException {
        Future<EmbeddingResult> call = adapterThreads.submit(() -> adapter.embed(request, context));
        EmbeddingResult result;
        try {
            result = call.get(context.remaining(clock.instant()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ApiError(
                            504,
                            "timeout_error",
                            "timeout",
                            null,
                            "the provider did not finish within the request deadline",
                            null)
                    .exception();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdapterException failure) {
                throw AdapterErrors.toApiError(failure).exception();
            }
            LOG.error("adapter failed on request {}", context.requestId(), e.getCause());
            throw new ApiError(500, "server_error", "adapter_error", null, "the adapter failed unexpectedly", null)
                    .exception();
        }
        return checked(result, request, model);
    }

    private static EmbeddingResult checked(EmbeddingResult result, EmbeddingRequest request, String model) {
        int expected = request.inputs().size();
        if (result == null || result.vectors().size() != expected) {
            throw upstream("the provider returned "
                    + (result == null ? "no" : result.vectors().size()) + " vectors for " + expected + " inputs");
        }
        for (float[] vector : result.vectors()) {
            if (vector == null || vector.length == 0) {
                throw upstream("the provider returned an empty vector");
            }
            if (request.dimensions() != null && vector.length != request.dimensions()) {
                // Cutting a vector is only meaningful for some models, so it is refused rather than faked.
                throw ApiError.invalidRequest(
                                "unsupported_parameter",
                                "dimensions",
                                "the model '" + model + "' produces " + vector.length
                                        + "-dimensional vectors and cannot produce " + request.dimensions())
                        .exception();
            }
        }
        return result;
    }

    private static RuntimeException upstream(String message) {
        return new ApiError(502, "upstream_error", "upstream_error", null, message, null).exception();
    }
}
