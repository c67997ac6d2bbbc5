package ai.dyad.gateway.host.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model id with {@code *} wildcards, such as {@code claude-*}, that a provider serves for every name it
 * matches. {@code *} matches any run of characters (also none); everything else matches itself.
 */
record ModelPattern(String text, Pattern regex) {

    static boolean isPattern(String modelId) {
        return modelId.indexOf('*') >= 0;
    }

    static ModelPattern of(String text) {
        StringBuilder regex = new StringBuilder();
        String[] parts = text.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("(.*)");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return new ModelPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** The text the first {@code *} stood for, when {@code name} matches. */
    Optional<String> match(String name) {
        Matcher m = regex.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The backend's name for a matched request: the requested name when the provider gives none (or just
     * {@code *}), the given name with its {@code *} replaced by the matched text, or the fixed name.
     */
    static String adapterModelId(String configured, String requested, String matched) {
        if (configured == null || configured.isBlank() || "*".equals(configured.strip())) {
            return requested;
        }
        int star = configured.indexOf('*');
        return star < 0 ? configured : configured.substring(0, star) + matched + configured.substring(star + 1);
    }
}
