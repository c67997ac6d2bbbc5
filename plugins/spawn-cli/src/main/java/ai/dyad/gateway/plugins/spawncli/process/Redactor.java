package ai.dyad.gateway.plugins.spawncli.process;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values (the provider's {@code env} values) with {@code ****} in text bound for the client, such as
 * a CLI's stderr, which may echo an API key in an error. Values shorter than {@link #MIN_LENGTH} are left alone:
 * flags such as {@code 1} or {@code on} are not secrets, and masking every {@code 1} would garble the message.
 */
public final class Redactor {

    public static final int MIN_LENGTH = 4;
    private static final String MASK = "****";

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream()
                .filter(secret -> secret != null && secret.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
