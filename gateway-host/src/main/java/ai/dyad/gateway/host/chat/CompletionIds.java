package ai.dyad.gateway.host.chat;

import java.security.SecureRandom;

/** Makes {@code chatcmpl-…} ids like OpenAI's: a prefix and 24 random base62 characters. */
final class CompletionIds {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CompletionIds() {}

    static String next() {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "chatcmpl-" + new String(id);
    }
}
