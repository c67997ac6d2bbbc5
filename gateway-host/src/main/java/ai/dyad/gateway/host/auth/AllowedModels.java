package ai.dyad.gateway.host.auth;

import java.util.List;

/**
 * Matches model ids against a key's {@code allowedModels}: exact ids, or patterns where {@code *} stands for
 * any run of characters ({@code gpt-*}, {@code anthropic/*}, {@code *}). An empty list allows every model.
 */
public final class AllowedModels {

    private AllowedModels() {}

    public static boolean permits(List<String> patterns, String model) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String model) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(model);
        }
        String[] parts = pattern.split("\\*", -1);
        if (!model.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = model.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return model.length() - last.length() >= at && model.endsWith(last);
    }
}
