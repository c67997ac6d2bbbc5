package ai.dyad.gateway.host.registry.changes;

import java.util.Optional;

/**
 * What one instance tells the others over Redis: this kind of data changed, the store's counter for it is
 * now {@code counter}, and the change came from {@code origin} (which ignores its own notices).
 */
record ChangeNotice(ChangeKind kind, long counter, String origin) {

    String encode() {
        return kind.wireName() + " " + counter + " " + origin;
    }

    /** The notice in {@code text}, or empty for anything malformed (Redis channels are shared ground). */
    static Optional<ChangeNotice> decode(String text) {
        String[] parts = text == null ? new String[0] : text.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long counter = Long.parseLong(parts[1]);
            return ChangeKind.fromWireName(parts[0]).map(kind -> new ChangeNotice(kind, counter, parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
