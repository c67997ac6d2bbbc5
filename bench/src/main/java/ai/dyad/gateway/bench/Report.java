package ai.dyad.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table: each metric for the stub directly, through Dyad Gateway and through Portkey. */
final class Report {

    /** One measured metric; {@code direct} or {@code portkey} is NaN when not measured. */
    record Row(String scenario, String metric, String unit, double direct, double dyad, double portkey) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String scenario, String metric, String unit, double direct, double dyad, double portkey) {
        rows.add(new Row(scenario, metric, unit, direct, dyad, portkey));
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String header) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | metric | direct | Dyad Gateway | Dyad / direct | Portkey | Dyad / Portkey |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
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
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.2f %s", value, unit)
                .trim();
    }

    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
