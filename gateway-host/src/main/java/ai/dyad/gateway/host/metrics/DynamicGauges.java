package ai.dyad.gateway.host.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges whose label values come and go (providers are added and removed at run time), read from a
 * supplier once per scrape: {@link #sync()} registers a gauge for each label set the suppliers report now
 * and removes the ones they no longer report.
 */
final class DynamicGauges {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicGauges.class);

    private record Source(String family, List<String> labelNames, Supplier<Map<List<String>, Number>> values) {}

    private final MetricRegistry registry;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final Map<String, Number> current = new ConcurrentHashMap<>();

    DynamicGauges(MetricRegistry registry) {
        this.registry = registry;
    }

    /** @param values label values (in {@code labelNames} order) to the gauge's value, asked at each scrape */
    void add(String family, List<String> labelNames, Supplier<Map<List<String>, Number>> values) {
        sources.add(new Source(family, List.copyOf(labelNames), values));
    }

    /** Brings the registry in line with what the suppliers report now. */
    synchronized void sync() {
        Set<String> seen = new HashSet<>();
        for (Source source : sources) {
            Map<List<String>, Number> values;
            try {
                values = source.values().get();
            } catch (RuntimeException e) {
                LOG.warn("metric source {} failed; its gauges keep their last values", source.family(), e);
                current.keySet().stream()
                        .filter(name -> name.startsWith(source.family() + "{"))
                        .forEach(seen::add);
                continue;
            }
            values.forEach((labelValues, value) -> {
                String name = MetricNames.labelled(source.family(), interleave(source.labelNames(), labelValues));
                seen.add(name);
                if (current.put(name, value) == null) {
                    registry.gauge(name, () -> (Gauge<Number>) () -> current.get(name));
                }
            });
        }
        for (String name : Set.copyOf(current.keySet())) {
            if (!seen.contains(name)) {
                registry.remove(name);
                current.remove(name);
            }
        }
    }

    private static String[] interleave(List<String> names, List<String> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("expected values for " + names + ", got " + values);
        }
        String[] pairs = new String[names.size() * 2];
        for (int i = 0; i < names.size(); i++) {
            pairs[2 * i] = names.get(i);
            pairs[2 * i + 1] = values.get(i);
        }
        return pairs;
    }
}
