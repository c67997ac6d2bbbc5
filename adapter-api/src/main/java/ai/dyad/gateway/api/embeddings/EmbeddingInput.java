package ai.dyad.gateway.api.embeddings;

import java.util.List;

/** One input to embed: a text, or a text already tokenised by the client. */
public sealed interface EmbeddingInput {

    record Text(String text) implements EmbeddingInput {}

    record Tokens(List<Integer> tokens) implements EmbeddingInput {
        public Tokens {
            tokens = List.copyOf(tokens);
        }
    }
}
