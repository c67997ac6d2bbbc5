package ai.dyad.gateway.plugins.spawncli.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code args} of a provider, with placeholders. The rules:
 *
 * <ul>
 *   <li>{@code {model}}, {@code {system}} and {@code {prompt}} are replaced by their value inside the argument;
 *       the result is always exactly one argument, however many spaces, quotes or newlines the value holds.
 *       Values are inserted once and never scanned again, so a prompt that contains {@code {system}} stays as
 *       written.
 *   <li>An argument whose placeholder has an empty value is left out. If that argument is the placeholder alone,
 *       the argument before it is left out too when it is a flag (starts with {@code -} and has no placeholder):
 *       {@code ["-s", "{system}"]} yields nothing when there is no system prompt.
 *   <li>Any other {@code {name}} is refused when the config is loaded, to catch typos.
 * </ul>
 */
public final class ArgTemplate {

    public static final String MODEL = "model";
    public static final String SYSTEM = "system";
    public static final String PROMPT = "prompt";
    private static final Set<String> NAMES = Set.of(MODEL, SYSTEM, PROMPT);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final List<String> args;

    private ArgTemplate(List<String> args) {
        this.args = List.copyOf(args);
    }

    /**
     * @throws IllegalArgumentException naming an unknown placeholder
     */
    public static ArgTemplate of(List<String> args) {
        for (String arg : args) {
            Matcher matcher = PLACEHOLDER.matcher(arg);
            while (matcher.find()) {
                if (!NAMES.contains(matcher.group(1))) {
                    throw new IllegalArgumentException("unknown placeholder " + matcher.group() + " in argument '" + arg
                            + "'; known: {model}, {system}, {prompt}");
                }
            }
        }
        return new ArgTemplate(args);
    }

    public List<String> args() {
        return args;
    }

    /** This template with more arguments at the end. */
    public ArgTemplate plus(List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        return of(all);
    }

    /** Whether some argument holds the placeholder {@code {name}}. */
    public boolean uses(String name) {
        String placeholder = "{" + name + "}";
        return args.stream().anyMatch(arg -> arg.contains(placeholder));
    }

    /**
     * The arguments with placeholders replaced.
     *
     * @param values by placeholder name; a missing name counts as empty
     */
    public List<String> expand(Map<String, String> values) {
        List<String> out = new ArrayList<>(args.size());
        boolean lastWasLiteralFlag = false;
        for (String arg : args) {
            Matcher matcher = PLACEHOLDER.matcher(arg);
            if (!matcher.find()) {
                out.add(arg);
                lastWasLiteralFlag = arg.startsWith("-");
                continue;
            }
            String expanded = substitute(arg, values);
            if (expanded != null) {
                out.add(expanded);
            } else if (matcher.start() == 0 && matcher.end() == arg.length() && lastWasLiteralFlag) {
                out.removeLast();
            }
            lastWasLiteralFlag = false;
        }
        return out;
    }

    /** The argument with its placeholders replaced, or {@code null} when one of them is empty. */
    private static String substitute(String arg, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            if (value == null || value.isEmpty()) {
                return null;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
