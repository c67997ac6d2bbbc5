package ai.dyad.gateway.host.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM's memory, garbage collection and thread gauges from Dropwizard's {@code metrics-jvm}, renamed the
 * Prometheus way: pool, collector and state names become label values (they hold capitals and spaces, which
 * metric names must not), and times are in seconds.
 */
final class JvmMetrics {

    private JvmMetrics() {}

    static void register(MetricRegistry registry) {
        new MemoryUsageGaugeSet().getMetrics().forEach((name, metric) -> memory(registry, name, metric));
        new GarbageCollectorMetricSet().getMetrics().forEach((name, metric) -> gc(registry, name, metric));
        new ThreadStatesGaugeSet().getMetrics().forEach((name, metric) -> threads(registry, name, metric));
    }

    /** {@code heap.used}, {@code non-heap.max}, {@code pools.G1-Eden-Space.committed}, {@code total.init}... */
    private static void memory(MetricRegistry registry, String name, Metric metric) {
        int dot = name.lastIndexOf('.');
        String owner = name.substring(0, dot);
        String attribute = name.substring(dot + 1).replace('-', '_');
        boolean pool = owner.startsWith("pools.");
        String labelName = pool ? "pool" : "area";
        String labelValue = pool ? owner.substring("pools.".length()) : owner.replace('-', '_');
        String family = pool ? "jvm_memory_pool" : "jvm_memory";
        if ("usage".equals(attribute)) {
            registry.register(MetricNames.labelled(family + "_usage_ratio", labelName, labelValue), metric);
        } else {
            registry.register(
                    MetricNames.labelled(family + "_bytes", labelName, labelValue, "kind", attribute), metric);
        }
    }

    /** {@code G1-Young-Generation.count} and {@code .time} (milliseconds). */
    private static void gc(MetricRegistry registry, String name, Metric metric) {
        int dot = name.lastIndexOf('.');
        String collector = name.substring(0, dot);
        if (name.endsWith(".count")) {
            registry.register(MetricNames.labelled("jvm_gc_collections", "gc", collector), metric);
        } else if (name.endsWith(".time") && metric instanceof Gauge<?> millis) {
            Gauge<Double> seconds = () -> ((Number) millis.getValue()).doubleValue() / 1000.0;
            registry.register(MetricNames.labelled("jvm_gc_collection_seconds", "gc", collector), seconds);
        }
    }

    /** {@code runnable.count}, {@code count}, {@code daemon.count}, {@code deadlock.count}, ... */
    private static void threads(MetricRegistry registry, String name, Metric metric) {
        Map<String, String> totals = Map.of(
                "count", "jvm_threads_current",
                "daemon.count", "jvm_threads_daemon",
                "peak.count", "jvm_threads_peak",
                "total_started.count", "jvm_threads_started",
                "deadlock.count", "jvm_threads_deadlocked");
        if (totals.containsKey(name)) {
            registry.register(totals.get(name), metric);
        } else if (name.endsWith(".count")) {
            String state = name.substring(0, name.length() - ".count".length()).toLowerCase(Locale.ROOT);
            registry.register(MetricNames.labelled("jvm_threads_state", "state", state), metric);
        }
        // "deadlocks" lists thread names: not a number, not exported.
    }
}
