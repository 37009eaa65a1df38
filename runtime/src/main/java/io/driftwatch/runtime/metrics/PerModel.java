package io.driftwatch.runtime.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters of one model, built on its first record and then found by the model id alone: the
 * per-record path builds no meter key and bounds no tag. Past {@link Meters#MAX_TAG_VALUES}
 * models the rest share the meters tagged {@code _other}, so ids sent at random grow nothing
 * (only the models within the bound are kept).
 *
 * @param <T> the meters of one model, built from its bounded model tag
 */
public final class PerModel<T> {

    private final Meters meters;
    private final Function<String, T> create;
    private final Map<String, T> byModel = new ConcurrentHashMap<>();

    public PerModel(Meters meters, Function<String, T> create) {
        this.meters = meters;
        this.create = create;
    }

    public T of(String model) {
        T found = byModel.get(model);
        if (found != null) {
            return found;
        }
        // Keyed by the bounded tag: a model past the bound finds the shared _other meters (by this slower path).
        return byModel.computeIfAbsent(meters.bounded("model", model), create);
    }
}
