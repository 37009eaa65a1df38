package io.driftwatch.metrics;

import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.SnapshotCalculator;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.partials.Progress;
import io.driftwatch.runtime.partials.Watermarks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-model half: merges the partitions' partials of each base window. A window closes when
 * the predictions' {@link Watermarks} pass its end plus the grace: its first snapshot (revision 0)
 * is sent. Labels for a closed window keep merging into it, and each time the labels' watermark
 * moves, every window that got labels since is sent again with the next revision. Once the
 * labels' watermark is a label horizon past its end, the window is sent one last time as final
 * and forgotten; a label for it after that is counted, not applied.
 *
 * <p>Windows are stored under {@code o|start|model} while open and {@code c|start|model} once
 * closed, so that closing and finalising walk only the windows due, in time order.
 */
final class WindowMerger implements Processor<String, byte[], String, MetricSnapshot> {

    /** Names of the stores this processor uses. */
    record Stores(String windows, String revised, String clocks) {
    }

    private final MetricsSettings settings;
    private final Stores storeNames;
    private final int inputPartitions;
    private final MetricsMetrics metrics;
    private final long window;
    private final long grace;
    private ProcessorContext<String, MetricSnapshot> context;
    private KeyValueStore<String, byte[]> windows;
    private KeyValueStore<String, byte[]> revised;
    private Watermarks watermarks;

    WindowMerger(MetricsSettings settings, Stores storeNames, int inputPartitions, MetricsMetrics metrics) {
        this.settings = settings;
        this.storeNames = storeNames;
        this.inputPartitions = inputPartitions;
        this.metrics = metrics;
        this.window = settings.window().toMillis();
        this.grace = settings.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, MetricSnapshot> context) {
        this.context = context;
        windows = context.getStateStore(storeNames.windows());
        revised = context.getStateStore(storeNames.revised());
        watermarks = new Watermarks(context.getStateStore(storeNames.clocks()), inputPartitions);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (Progress.KEY.equals(record.key())) {
            Progress progress = Progress.fromBytes(record.value());
            if (progress.stream().equals(MetricPartial.Kind.PREDICTIONS.name())) {
                watermarks.advance(progress, window + grace).ifPresent(this::closeUpTo);
            } else {
                watermarks.advance(progress, 0).ifPresent(this::sendRevisionsAndFinals);
            }
            return;
        }
        MetricPartial partial = MetricPartial.fromBytes(record.value());
        String model = MetricPartial.modelKey(partial.modelId, partial.modelVersion);
        Long closed = watermarks.closedUpTo(MetricPartial.Kind.PREDICTIONS.name());
        boolean windowClosed = closed != null && partial.windowStart <= closed;
        if (partial.kind == MetricPartial.Kind.PREDICTIONS) {
            long start = partial.windowStart;
            if (windowClosed) {
                // Late predictions: counted, and summarised in the first open window rather than lost.
                start = Math.floorDiv(closed, window) * window + window;
                metrics.late(partial.modelId, partial.summary.predictions());
            }
            String key = key("o", start, model);
            WindowState state = load(key, partial.modelId, partial.modelVersion, start);
            state.summary.merge(partial.summary);
            if (windowClosed) {
                state.lateRecords += partial.summary.predictions();
            }
            windows.put(key, state.toBytes());
            return;
        }
        String key = key(windowClosed ? "c" : "o", partial.windowStart, model);
        byte[] stored = windows.get(key);
        if (windowClosed && stored == null) {
            metrics.lateLabels(partial.modelId, partial.summary.labeled()); // the window is final already
            return;
        }
        WindowState state = stored == null
                ? new WindowState(partial.modelId, partial.modelVersion, partial.windowStart, partial.summary)
                : merged(stored, partial);
        windows.put(key, state.toBytes());
        if (windowClosed) {
            revised.put(key, new byte[0]);
        }
    }

    private WindowState load(String key, String modelId, String modelVersion, long start) {
        byte[] stored = windows.get(key);
        return stored == null ? new WindowState(modelId, modelVersion, start, new WindowSummary())
                : WindowState.fromBytes(stored);
    }

    private static WindowState merged(byte[] stored, MetricPartial partial) {
        WindowState state = WindowState.fromBytes(stored);
        state.summary.merge(partial.summary);
        return state;
    }

    /** Window keys sort by state, start time, then model version. */
    private static String key(String prefix, long windowStart, String model) {
        return prefix + '|' + String.format("%019d", Math.max(0, windowStart)) + '|' + model;
    }

    private void closeUpTo(long lastClosable) {
        for (KeyValue<String, byte[]> entry : due("o", lastClosable)) {
            windows.delete(entry.key);
            WindowState state = WindowState.fromBytes(entry.value);
            state.revision = 0;
            send(state, false);
            windows.put(key("c", state.windowStart, MetricPartial.modelKey(state.modelId, state.modelVersion)),
                    state.toBytes());
        }
    }

    /** Sends the windows revised by labels since the last time, then the windows whose label horizon has passed. */
    private void sendRevisionsAndFinals(long labelClock) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = revised.all()) {
            all.forEachRemaining(e -> keys.add(e.key));
        }
        for (String key : keys) {
            revised.delete(key);
            byte[] stored = windows.get(key);
            if (stored != null) {
                WindowState state = WindowState.fromBytes(stored);
                state.revision++;
                send(state, false);
                windows.put(key, state.toBytes());
            }
        }
        long shortestHorizon = settings.models().values().stream().mapToLong(m -> m.labelHorizon().toMillis())
                .reduce(settings.labelHorizon().toMillis(), Math::min);
        for (KeyValue<String, byte[]> entry : due("c", labelClock - shortestHorizon - window)) {
            WindowState state = WindowState.fromBytes(entry.value);
            long horizon = settings.model(state.modelId).labelHorizon().toMillis();
            if (state.windowStart + window + horizon <= labelClock) {
                windows.delete(entry.key);
                state.revision++;
                send(state, true);
            }
        }
    }

    private List<KeyValue<String, byte[]>> due(String prefix, long lastStart) {
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        if (lastStart < 0) {
            return due;
        }
        try (KeyValueIterator<String, byte[]> range = windows.range(prefix + '|', key(prefix, lastStart, "\uffff"))) {
            range.forEachRemaining(due::add);
        }
        return due;
    }

    private void send(WindowState state, boolean isFinal) {
        long end = state.windowStart + window;
        MetricSnapshot snapshot = SnapshotCalculator.snapshot(state.summary, new SnapshotCalculator.Header(
                state.modelId, state.modelVersion, "*", state.windowStart, end, state.revision, isFinal, false,
                Instant.ofEpochMilli(context.currentSystemTimeMs()), state.lateRecords,
                settings.model(state.modelId).positiveLabel()));
        metrics.snapshot(snapshot);
        context.forward(new Record<>(state.modelId + "/" + state.modelVersion + "/*/" + state.windowStart, snapshot, end));
    }
}
