package ai.dyad.gateway.host.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.dropwizard.samplebuilder.DefaultSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge's sample builder for our names: {@code family{label=value}} (see {@link MetricNames}) becomes
 * a Prometheus sample of {@code family} with those labels; the bridge merges samples of one family. Other
 * names (the JVM's) go through the bridge's default sanitising.
 */
final class LabelledSampleBuilder implements SampleBuilder {

    private final DefaultSampleBuilder plain = new DefaultSampleBuilder();

    @Override
    public Collector.MetricFamilySamples.Sample createSample(
            String dropwizardName,
            String nameSuffix,
            List<String> additionalLabelNames,
            List<String> additionalLabelValues,
            double value) {
        MetricNames.Parsed parsed = MetricNames.parse(dropwizardName);
        if (parsed.labelNames().isEmpty()) {
            return plain.createSample(dropwizardName, nameSuffix, additionalLabelNames, additionalLabelValues, value);
        }
        List<String> names = new ArrayList<>(parsed.labelNames());
        names.addAll(additionalLabelNames);
        List<String> values = new ArrayList<>(parsed.labelValues());
        values.addAll(additionalLabelValues);
        String suffix = nameSuffix == null ? "" : nameSuffix;
        return new Collector.MetricFamilySamples.Sample(
                Collector.sanitizeMetricName(parsed.family() + suffix), names, values, value);
    }
}
