package ai.dyad.gateway.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The results: a table with each metric for the stub directly, through Dyad Gateway and through Portkey,
 * and a second one comparing two Dyad Gateways that differ in one feature (e.g. limits off and on).
 */
final class Report {

    /** One measured metric; {@code direct} or {@code portkey} is NaN when not measured. */
    record Row(String scenario, String metric, String unit, double direct, double dyad, double portkey) {}

    /** One metric of the same load through a gateway without a feature and one with it. */
    record Comparison(String scenario, String metric, String unit, double without, double with) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String scenario, String metric, String unit, double direct, double dyad, double portkey) {
        rows.add(new Row(scenario, metric, unit, direct, dyad, portkey));
    }

    void compare(String scenario, String metric, String unit, double without, double with) {
        comparisons.add(new Comparison(scenario, metric, unit, without, with));
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String header) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | metric | direct | Dyad Gateway | Dyad / direct | Portkey | Dyad / Portkey |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        // By scenario number (stable), so the table reads 1–7 whatever order the scenarios ran in.
        List<Row> ordered = rows.stream()
                .sorted(Comparator.comparingInt(row -> scenarioNumber(row.scenario())))
                .toList();
        for (Row row : ordered) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    row.scenario(),
                    row.metric(),
                    value(row.direct(), row.unit()),
                    value(row.dyad(), row.unit()),
                    ratio(row.dyad(), row.direct()),
                    value(row.portkey(), row.unit()),
                    ratio(row.dyad(), row.portkey())));
        }
        if (!comparisons.isEmpty()) {
            out.append("\n| scenario | metric | without | with | with / without |\n");
            out.append("|---|---|---|---|---|\n");
            for (Comparison row : comparisons) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s |%n",
                        row.scenario(),
                        row.metric(),
                        value(row.without(), row.unit()),
                        value(row.with(), row.unit()),
                        ratio(row.with(), row.without())));
            }
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static int scenarioNumber(String scenario) {
        int end = 0;
        while (end < scenario.length() && Character.isDigit(scenario.charAt(end))) {
            end++;
        }
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(scenario.substring(0, end));
    }

    private static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        boolean whole = value >= 100 || value == Math.rint(value);
        return String.format(Locale.ROOT, whole ? "%.0f %s" : "%.2f %s", value, unit)
                .trim();
    }

    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
