package io.driftwatch.drift.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reference and current category counts aligned column by column: the reference's categories
 * in sorted order, then one "unseen" column pooling every current category the reference never
 * saw. The chi-square test, PSI and Jensen–Shannon of a categorical feature all read this form.
 */
public record CategoryCounts(long[] reference, long[] current) {

    public static CategoryCounts of(Map<String, Long> reference, Map<String, Long> current) {
        List<String> categories = List.copyOf(new TreeSet<>(reference.keySet()));
        Map<String, Integer> column = new HashMap<>();
        long[] ref = new long[categories.size() + 1];
        long[] cur = new long[categories.size() + 1];
        for (int i = 0; i < categories.size(); i++) {
            column.put(categories.get(i), i);
            ref[i] = reference.get(categories.get(i));
        }
        for (Map.Entry<String, Long> e : current.entrySet()) {
            cur[column.getOrDefault(e.getKey(), categories.size())] += e.getValue();
        }
        return new CategoryCounts(ref, cur);
    }

    public long currentTotal() {
        long total = 0;
        for (long c : current) {
            total += c;
        }
        return total;
    }

    /** Columns that hold an observation on either side: the categories a comparison has. */
    public int occupiedColumns() {
        int columns = 0;
        for (int i = 0; i < reference.length; i++) {
            columns += reference[i] != 0 || current[i] != 0 ? 1 : 0;
        }
        return columns;
    }

    /** Share of the current observations in categories the reference never saw. */
    public double unseenShare() {
        long total = currentTotal();
        return total == 0 ? 0 : (double) current[current.length - 1] / total;
    }
}
