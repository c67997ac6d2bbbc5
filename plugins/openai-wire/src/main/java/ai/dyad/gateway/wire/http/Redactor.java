package ai.dyad.gateway.wire.http;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that came back from an upstream before it reaches an error message: the
 * provider's own secrets, and anything shaped like a vendor API key (vendors echo masked keys such as
 * {@code sk-proj-****abcd} in their 401 messages).
 */
public final class Redactor {

    private static final Pattern KEY_LIKE = Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_*\\-]{4,}");
    private static final String MASK = "[redacted]";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for the given secrets; null or blank ones are ignored. */
    public static Redactor of(String... secrets) {
        return new Redactor(java.util.Arrays.stream(secrets)
                .filter(Objects::nonNull)
                .filter(s -> !s.isBlank())
                .toList());
    }

    /** The text without secrets; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return KEY_LIKE.matcher(clean).replaceAll(MASK);
    }
}
