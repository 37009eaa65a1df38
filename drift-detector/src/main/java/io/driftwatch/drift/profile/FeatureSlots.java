package io.driftwatch.drift.profile;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Finds each feature's summary for a row without looking names up: rows of one model version
 * bring the same features, and a decoded map iterates them in the same order, so the summaries of
 * the last row's layout are taken by position while each name matches (a String comparison, no
 * hashing). A row of another layout is looked up by name and becomes the layout.
 *
 * @param <S> a feature summary
 */
final class FeatureSlots<S> {

    private final Map<String, S> byName;
    private final Function<String, S> create;
    private String[] names = new String[0];
    private S[] slots;

    /**
     * @param byName the summaries by feature name, which this adds to
     * @param create a new feature's summary
     */
    FeatureSlots(Map<String, S> byName, Function<String, S> create) {
        this.byName = byName;
        this.create = create;
    }

    /**
     * Adds each of the row's values to its feature's summary.
     *
     * @return whether the row held every known feature, so that none is missing from it
     */
    <V> boolean add(Map<String, V> row, BiConsumer<S, V> add) {
        boolean sameLayout = row.size() == names.length;
        int i = 0;
        for (Map.Entry<String, V> value : row.entrySet()) {
            String name = value.getKey();
            S slot;
            if (sameLayout && name.equals(names[i])) {
                slot = slots[i];
            } else {
                sameLayout = false;
                slot = byName.computeIfAbsent(name, create);
            }
            add.accept(slot, value.getValue());
            i++;
        }
        if (!sameLayout) {
            layout(row);
        }
        return row.size() == byName.size();
    }

    @SuppressWarnings("unchecked")
    private void layout(Map<String, ?> row) {
        names = row.keySet().toArray(new String[0]);
        slots = (S[]) new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            slots[i] = byName.get(names[i]);
        }
    }
}
