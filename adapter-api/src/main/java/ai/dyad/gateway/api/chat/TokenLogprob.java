package ai.dyad.gateway.api.chat;

import java.util.List;

/**
 * The log probability of one generated token, as OpenAI reports it in {@code choices[].logprobs.content}.
 *
 * @param bytes the token's UTF-8 bytes; nullable for tokens without a byte form
 * @param topLogprobs the most likely tokens at this position; empty unless the request set {@code top_logprobs}
 */
public record TokenLogprob(String token, double logprob, List<Integer> bytes, List<Alternative> topLogprobs) {

    public TokenLogprob {
        bytes = bytes == null ? null : List.copyOf(bytes);
        topLogprobs = topLogprobs == null ? List.of() : List.copyOf(topLogprobs);
    }

    /**
     * One of the most likely tokens at a position.
     *
     * @param bytes nullable, as above
     */
    public record Alternative(String token, double logprob, List<Integer> bytes) {
        public Alternative {
            bytes = bytes == null ? null : List.copyOf(bytes);
        }
    }
}
