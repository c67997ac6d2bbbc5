package ai.dyad.gateway.host.metrics;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dropwizard metrics have names but no labels, so labelled metrics carry their labels in the name, as
 * {@code family{name=value,...}} with URL-encoded values, and {@link LabelledSampleBuilder} splits them
 * again when Prometheus scrapes. (Graphite-style dotted names, which the bridge's own mapper parses, cannot
 * carry values that contain dots, and model names such as {@code gpt-4.1} do.)
 */
public final class MetricNames {

    private MetricNames() {}

    /** A labelled metric name; {@code labels} alternate label name and value. */
    public static String labelled(String family, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        StringBuilder name = new StringBuilder(family).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                name.append(',');
            }
            name.append(labels[i]).append('=').append(URLEncoder.encode(labels[i + 1], StandardCharsets.UTF_8));
        }
        return name.append('}').toString();
    }

    /** A name split into its family and labels; a name without labels has none. */
    record Parsed(String family, List<String> labelNames, List<String> labelValues) {}

    static Parsed parse(String name) {
        int open = name.indexOf('{');
        if (open < 0 || !name.endsWith("}")) {
            return new Parsed(name, List.of(), List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String inside = name.substring(open + 1, name.length() - 1);
        if (!inside.isEmpty()) {
            for (String pair : inside.split(",")) {
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Parsed(name.substring(0, open), new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
    }
}
