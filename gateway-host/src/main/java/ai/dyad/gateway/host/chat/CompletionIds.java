package ai.dyad.gateway.host.chat;

import java.util.concurrent.ThreadLocalRandom;

/** Makes {@code chatcmpl-…} ids like OpenAI's: a prefix and 24 random base62 characters. */
final class CompletionIds {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private CompletionIds() {}

    static String next() {
        // Ids need to be unique, not unguessable: a shared SecureRandom is a lock every request queues on.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "chatcmpl-" + new String(id);
    }
}
