package io.driftwatch.metrics;

import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.metrics.summary.SnapshotCalculator;
import io.driftwatch.metrics.summary.WindowSummary;
import io.driftwatch.runtime.config.ModelSpec;
import io.driftwatch.runtime.partials.PartialMerger;
import io.driftwatch.runtime.partials.SliceKeys;
import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.schemas.SnapshotSeries;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-model half: merges the partitions' partials of each base window and segment series. A
 * window closes when the predictions' {@link io.driftwatch.runtime.partials.Watermarks} pass its end plus the grace: per segment
 * key the top-K values by predictions keep their series and the rest merge into {@code key=other},
 * and every series is sent (revision 0). Labels for a closed window keep merging into it (into
 * {@code key=other} for a value that lost its series), and each time the labels' watermark moves,
 * every series that got labels since is sent again with the next revision. Once the labels'
 * watermark is a label horizon past its end, a window is sent one last time as final and
 * forgotten; a label for it after that is counted, not applied.
 *
 * <p>An open window's partials are kept as they arrived, under {@code p|start|model|segment|offset},
 * and merged into its series when it closes; a closed series is stored under {@code c|start|model|segment},
 * so that closing and finalising walk only the windows due, in time order. Each rolling
 * horizon keeps 60 buckets per series (a 60th of the horizon each, in {@link HorizonRollups}), filled
 * as windows close and as labels revise them; its snapshots ({@code horizon} = its name) are sent
 * each time the closed time passes a bucket boundary, merged from the buckets within the horizon.
 */
final class WindowMerger extends PartialMerger<String, MetricSnapshot> {

    /** Names of the stores this processor uses. */
    record Stores(String windows, String revised, String clocks, String rollups, String snapshots, String profiles,
                  String captured) {
    }

    private final MetricsSettings settings;
    private final Stores storeNames;
    private final MetricsMetrics metrics;
    private final EstimationReferences references;
    private final long window;
    private final long grace;
    private KeyValueStore<String, byte[]> windows;
    private KeyValueStore<String, byte[]> revised;
    private KeyValueStore<String, byte[]> rollups;
    private HorizonRollups horizons;
    private KeyValueStore<String, byte[]> snapshots;
    private long lastPrune = Long.MIN_VALUE;

    /** Partials of open windows, as they arrived. */
    private static final String ARRIVED = "p";
    /** Open series merged on arrival, as stores written before 2026-12-08 hold them: still read. */
    private static final String MERGED_OPEN = "o";
    private static final String CLOSED = "c";

    WindowMerger(MetricsSettings settings, Stores storeNames, int inputPartitions, MetricsMetrics metrics,
                 EstimationReferences references) {
        super(storeNames.clocks(), inputPartitions, settings.window().toMillis(), settings.idleTimeout());
        this.settings = settings;
        this.storeNames = storeNames;
        this.metrics = metrics;
        this.references = references;
        this.window = settings.window().toMillis();
        this.grace = settings.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, MetricSnapshot> context) {
        super.init(context);
        windows = context.getStateStore(storeNames.windows());
        revised = context.getStateStore(storeNames.revised());
        rollups = context.getStateStore(storeNames.rollups());
        horizons = new HorizonRollups(rollups, settings);
        snapshots = context.getStateStore(storeNames.snapshots());
        references.init(context.getStateStore(storeNames.profiles()), context.getStateStore(storeNames.captured()));
        if (settings.provisional()) {
            context.schedule(settings.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, now -> sendProvisional());
        }
    }

    /** Every open window as it stands, flagged provisional: what a dashboard shows before the window closes. */
    private void sendProvisional() {
        for (Map<String, WindowState> series : openSeries(Long.MAX_VALUE - window, false).values()) {
            series.values().forEach(state -> send(state, false, true));
        }
    }

    /** Windows close a window plus grace behind the predictions' clock; the labels' clock only revises and finalises. */
    @Override
    protected long lag(String stream) {
        return isPredictions(stream) ? window + grace : 0;
    }

    /**
     * Windows close on the predictions' clock and are revised and made final on the labels'. The
     * partitions report the two clocks apart, so the labels' may have passed a window's horizon
     * before it closes: it is made final at once then, not when the labels' clock next moves.
     */
    @Override
    protected void close(String stream, long lastClosable) {
        if (isPredictions(stream)) {
            closeUpTo(lastClosable);
            Long labelClock = closedUpTo(MetricPartial.Kind.LABELS.name());
            if (labelClock != null) {
                sendRevisionsAndFinals(labelClock);
            }
        } else {
            sendRevisionsAndFinals(lastClosable);
        }
    }

    private static boolean isPredictions(String stream) {
        return stream.equals(MetricPartial.Kind.PREDICTIONS.name());
    }

    @Override
    protected void merge(Record<String, byte[]> record) {
        WindowState.Head head = MetricPartial.headOf(record.value()).window();
        String model = MetricPartial.modelKey(head.modelId(), head.modelVersion());
        Long closed = closedUpTo(MetricPartial.Kind.PREDICTIONS.name());
        if (closed == null || head.windowStart() > closed) {
            if (head.lateRecords() > 0 && head.segment().equals(SegmentSeries.ALL)) {
                metrics.late(head.modelId(), head.lateRecords()); // late by its partition's clock already
            }
            windows.put(arrivalKey(ARRIVED, head.windowStart(), model, head.segment()), record.value());
            return;
        }
        MetricPartial partial = MetricPartial.fromBytes(record.value());
        WindowState in = partial.window;
        if (partial.kind == MetricPartial.Kind.PREDICTIONS) {
            // Late predictions: counted, and summarised in the first open window rather than lost.
            if (in.segment.equals(SegmentSeries.ALL)) {
                metrics.late(in.modelId, in.summary.predictions());
            }
            long open = firstOpenSlice(closed);
            windows.put(arrivalKey(ARRIVED, open, model, in.segment), partial.lateIn(open).toBytes());
            return;
        }
        if (windows.get(key(CLOSED, in.windowStart, model, SegmentSeries.ALL)) == null) {
            if (in.segment.equals(SegmentSeries.ALL)) {
                metrics.lateLabels(in.modelId, in.summary.labeled()); // the window is final already
            }
            return;
        }
        // Labels for a closed window revise it; a value that lost its series at close counts in key=other.
        boolean ownSeries = in.segment.equals(SegmentSeries.ALL)
                || windows.get(key(CLOSED, in.windowStart, model, in.segment)) != null;
        String segment = ownSeries ? in.segment : SegmentSeries.key(in.segment) + "=" + SegmentSeries.OTHER;
        String key = key(CLOSED, in.windowStart, model, segment);
        WindowState.mergeInto(windows, key, in.modelId, in.modelVersion, in.windowStart, segment, in.summary);
        revised.put(key, new byte[0]);
        horizons.add(in.modelId, in.modelVersion, segment, in.windowStart, in.summary);
    }

    /** Series keys sort by state, start time, model version, then segment series. */
    private static String key(String prefix, long windowStart, String model, String segment) {
        return SliceKeys.key(prefix, windowStart, model, segment);
    }

    /**
     * The open windows' series that start at or before {@code lastStart}, each merged from its
     * partials, by window and model version in time order; with {@code remove} their entries go.
     * Read one entry at a time: a window holds a partial per partition and series, and one per
     * flush where provisional snapshots are on.
     */
    private Map<String, Map<String, WindowState>> openSeries(long lastStart, boolean remove) {
        Map<String, Map<String, WindowState>> byWindow = new TreeMap<>();
        List<String> read = new ArrayList<>();
        SliceKeys.forEachDue(windows, MERGED_OPEN, lastStart, (key, value) -> {
            read.add(key);
            addTo(byWindow, WindowState.fromBytes(value));
        });
        SliceKeys.forEachDue(windows, ARRIVED, lastStart, (key, value) -> {
            read.add(key);
            addTo(byWindow, MetricPartial.fromBytes(value).window);
        });
        if (remove) {
            read.forEach(windows::delete);
        }
        return byWindow;
    }

    private static void addTo(Map<String, Map<String, WindowState>> byWindow, WindowState part) {
        byWindow.computeIfAbsent(SliceKeys.key("", part.windowStart, MetricPartial.modelKey(part.modelId, part.modelVersion)),
                k -> new LinkedHashMap<>()).merge(part.segment, part, (series, more) -> {
                    series.summary.merge(more.summary);
                    series.lateRecords += more.lateRecords;
                    return series;
                });
    }

    private void closeUpTo(long lastClosable) {
        for (Map<String, WindowState> series : openSeries(lastClosable, true).values()) {
            for (WindowState state : topK(series.values())) {
                state.revision = 0;
                send(state, false);
                windows.put(key(CLOSED, state.windowStart, MetricPartial.modelKey(state.modelId, state.modelVersion),
                        state.segment), state.toBytes());
                horizons.add(state.modelId, state.modelVersion, state.segment, state.windowStart, state.summary);
            }
        }
        long closedEnd = Math.floorDiv(lastClosable, window) * window + window;
        sendHorizons(closedEnd);
        pruneSnapshots(closedEnd);
    }

    /** Keeps the snapshots of the query retention for the interactive queries; checks every ten minutes of event time. */
    private void pruneSnapshots(long closedEnd) {
        if (lastPrune != Long.MIN_VALUE && closedEnd - lastPrune < 600_000) {
            return;
        }
        lastPrune = closedEnd;
        long oldestEnd = closedEnd - settings.queryRetention().toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = snapshots.all()) {
            all.forEachRemaining(entry -> {
                SnapshotKey key = SnapshotKey.parse(entry.key);
                long length = key.horizon().equals(SnapshotSeries.BASE) ? window : settings.horizons().get(key.horizon()).toMillis();
                if (key.windowStart() + length < oldestEnd) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(snapshots::delete);
    }

    /**
     * For each rolling horizon whose bucket boundaries the closed time has passed, sends every
     * series' horizon snapshot ending at the boundary.
     */
    private void sendHorizons(long closedEnd) {
        settings.horizons().forEach((name, horizon) -> {
            long bucket = settings.bucket(horizon);
            String sentKey = "e|" + name;
            byte[] sent = rollups.get(sentKey);
            long boundary = sent == null ? Math.floorDiv(closedEnd, bucket) * bucket
                    : ByteBuffer.wrap(sent).getLong() + bucket;
            for (; boundary <= closedEnd; boundary += bucket) {
                sendHorizon(name, horizon, boundary);
                rollups.put(sentKey, ByteBuffer.allocate(8).putLong(boundary).array());
            }
        });
    }

    private void sendHorizon(String name, Duration horizon, long end) {
        for (WindowState state : horizons.snapshot(name, horizon, end)) {
            String positive = settings.catalogue().model(state.modelId).positiveLabel();
            MetricSnapshot snapshot = SnapshotCalculator.snapshot(state.summary, new SnapshotCalculator.Header(
                    state.modelId, state.modelVersion, state.segment, name, state.windowStart, end, 0, false, false,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()), 0, positive, settings.model(state.modelId).costs()),
                    references.of(state.modelId, state.modelVersion, positive));
            remember(snapshot);
            context.forward(new Record<>(state.modelId + "/" + state.modelVersion + "/" + state.segment + "/" + name + "/"
                    + state.windowStart, snapshot, end));
        }
    }

    /** Per segment key, the K values with most predictions (ties by value) keep their series; the rest merge into other. */
    private List<WindowState> topK(Collection<WindowState> series) {
        List<WindowState> kept = new ArrayList<>();
        Map<String, List<WindowState>> byKey = new LinkedHashMap<>();
        for (WindowState state : series) {
            String key = SegmentSeries.key(state.segment);
            if (key == null) {
                kept.add(state);
            } else {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(state);
            }
        }
        byKey.forEach((key, values) -> {
            String otherSegment = key + "=" + SegmentSeries.OTHER;
            WindowState other = null;
            List<WindowState> ranked = new ArrayList<>();
            for (WindowState state : values) {
                if (state.segment.equals(otherSegment)) {
                    other = state;
                } else {
                    ranked.add(state);
                }
            }
            ranked.sort(Comparator.comparingLong((WindowState s) -> -s.summary.predictions())
                    .thenComparing(s -> s.segment));
            for (int i = 0; i < ranked.size(); i++) {
                WindowState state = ranked.get(i);
                if (i < settings.segmentTopK()) {
                    kept.add(state);
                    continue;
                }
                if (other == null) {
                    other = new WindowState(state.modelId, state.modelVersion, state.windowStart, otherSegment,
                            new WindowSummary());
                }
                other.summary.merge(state.summary);
                other.lateRecords += state.lateRecords;
            }
            if (other != null) {
                kept.add(other);
            }
        });
        return kept;
    }

    /** Sends the series revised by labels since the last time, then the windows whose label horizon has passed. */
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
        for (KeyValue<String, byte[]> entry : SliceKeys.due(windows, CLOSED,
                labelClock - settings.catalogue().shortestLabelHorizon().toMillis() - window)) {
            WindowState state = WindowState.fromBytes(entry.value);
            ModelSpec model = settings.catalogue().model(state.modelId);
            long horizon = model.labelHorizon().toMillis();
            if (state.windowStart + window + horizon <= labelClock) {
                windows.delete(entry.key);
                state.revision++;
                send(state, true);
                if (state.segment.equals(SegmentSeries.ALL)) {
                    references.learnFrom(state.modelId, state.modelVersion, state.summary, model.positiveLabel());
                }
            }
        }
    }

    /** The latest revision of each snapshot, for the interactive queries ({@link MetricsQueries}). */
    private void remember(MetricSnapshot snapshot) {
        snapshots.put(SnapshotKey.of(snapshot).toString(), StateCodec.avro(snapshot::toByteBuffer));
    }

    private void send(WindowState state, boolean isFinal) {
        send(state, isFinal, false);
    }

    private void send(WindowState state, boolean isFinal, boolean provisional) {
        long end = state.windowStart + window;
        String positive = settings.catalogue().model(state.modelId).positiveLabel();
        MetricSnapshot snapshot = SnapshotCalculator.snapshot(state.summary, new SnapshotCalculator.Header(
                state.modelId, state.modelVersion, state.segment, SnapshotSeries.BASE, state.windowStart, end,
                Math.max(0, state.revision), isFinal, provisional, Instant.ofEpochMilli(context.currentSystemTimeMs()),
                state.lateRecords, positive, settings.model(state.modelId).costs()),
                references.of(state.modelId, state.modelVersion, positive));
        if (state.segment.equals(SegmentSeries.ALL)) {
            metrics.snapshot(snapshot);
        }
        remember(snapshot);
        context.forward(new Record<>(state.modelId + "/" + state.modelVersion + "/" + state.segment + "/"
                + state.windowStart, snapshot, end));
    }
}
