package io.liquidstream.it;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What came out compared with what went in, by sample id: ids never answered, ids answered more than
 * once (and the extra records), and records for ids that were never sent.
 */
record Delivery(int sent, int received, Set<String> missing, int duplicates, Set<String> unexpected) {

    static Delivery of(Collection<String> sent, List<String> received) {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach(id -> counts.merge(id, 1, Integer::sum));
        Set<String> missing = new HashSet<>(sent);
        missing.removeAll(counts.keySet());
        Set<String> unexpected = new HashSet<>(counts.keySet());
        unexpected.removeAll(new HashSet<>(sent));
        int duplicates = counts.values().stream().mapToInt(c -> c - 1).sum();
        return new Delivery(sent.size(), received.size(), missing, duplicates, unexpected);
    }

    @Override
    public String toString() {
        return "sent " + sent + ", received " + received + ", missing " + missing.size()
                + (missing.isEmpty() ? "" : " " + missing.stream().sorted().limit(10).toList()) + ", duplicates "
                + duplicates + ", unexpected " + unexpected.size();
    }
}
