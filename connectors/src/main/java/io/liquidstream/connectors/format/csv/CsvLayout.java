package io.liquidstream.connectors.format.csv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which column holds what: vision rows carry time, x, y and polarity; one-dimensional rows carry time and
 * channel. Without a header row the order is {@code t,x,y,p} (4 fields) or {@code t,channel} (2 fields).
 */
record CsvLayout(int fields, int t, int x, int y, int p) {

    private static final Set<String> TIME = Set.of("t", "ts", "time", "timestamp", "t_us", "time_us");
    private static final Set<String> X = Set.of("x");
    private static final Set<String> Y = Set.of("y");
    private static final Set<String> POLARITY = Set.of("p", "pol", "polarity");
    private static final Set<String> CHANNEL = Set.of("channel", "ch", "c", "neuron", "unit", "address", "x");

    static final String EXPECTED = "4 fields t,x,y,p or 2 fields t,channel (a header row may name and reorder"
            + " them: t/ts/time/timestamp, x, y, p/pol/polarity, channel/ch/neuron/unit/address)";

    boolean vision() {
        return p >= 0;
    }

    String describe() {
        return vision() ? "t,x,y,p" : "t,channel";
    }

    /** The default layout for a headerless row of {@code count} fields. */
    static Optional<CsvLayout> byCount(int count) {
        if (count == 4) {
            return Optional.of(new CsvLayout(4, 0, 1, 2, 3));
        }
        if (count == 2) {
            return Optional.of(new CsvLayout(2, 0, 1, -1, -1));
        }
        return Optional.empty();
    }

    /** The layout a header row names, if its names are the known ones. */
    static Optional<CsvLayout> byNames(List<String> names) {
        List<String> lower = names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        if (lower.size() == 4) {
            int t = find(lower, TIME);
            int x = find(lower, X);
            int y = find(lower, Y);
            int p = find(lower, POLARITY);
            if (t >= 0 && x >= 0 && y >= 0 && p >= 0) {
                return Optional.of(new CsvLayout(4, t, x, y, p));
            }
        } else if (lower.size() == 2) {
            int t = find(lower, TIME);
            int c = find(lower, CHANNEL);
            if (t >= 0 && c >= 0 && t != c) {
                return Optional.of(new CsvLayout(2, t, c, -1, -1));
            }
        }
        return Optional.empty();
    }

    private static int find(List<String> names, Set<String> accepted) {
        for (int i = 0; i < names.size(); i++) {
            if (accepted.contains(names.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
