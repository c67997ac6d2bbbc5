package ai.dyad.gateway.host.testing;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** One-line chat calls through the official OpenAI Java SDK, for tests that check what routing serves. */
public final class Ask {

    private Ask() {}

    /** The answer of {@code model} to {@code prompt}; fails the test on an error status. */
    public static String answer(OpenAIClient client, String model, String prompt) {
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage(prompt)
                        .build())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElse("");
    }

    /** 200 when {@code model} answers, else the error status the gateway returned. */
    public static int status(OpenAIClient client, String model) {
        try {
            answer(client, model, "ping");
            return 200;
        } catch (OpenAIServiceException e) {
            return e.statusCode();
        }
    }

    /**
     * Waits until {@code condition} holds, checking every 20 ms; fails after {@code limit}, which is a guard
     * against hanging, not a measure of speed.
     */
    public static void eventually(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting " + limit.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
