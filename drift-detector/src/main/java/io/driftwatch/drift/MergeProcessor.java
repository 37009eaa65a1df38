package io.driftwatch.drift;

import io.driftwatch.drift.concept.ModelDetectors;
import io.driftwatch.drift.config.DriftSettings;
import io.driftwatch.drift.config.ModelDriftSettings;
import io.driftwatch.drift.data.Persistence;
import io.driftwatch.drift.data.ReferenceModel;
import io.driftwatch.drift.data.WindowTest;
import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.drift.profile.ProfileFitter;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.runtime.partials.PartialMerger;
import io.driftwatch.runtime.partials.SliceKeys;
import io.driftwatch.runtime.partials.Watermarks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-model half: merges the partitions' partial summaries of each slice, and closes a slice
 * once the {@link Watermarks} of its kind pass the slice's end plus the grace. A closed
 * prediction slice is tested against the version's reference (or captured as it), merged forward
 * while it is below the minimum sample size; a closed error slice feeds the detectors, in the
 * order {@link io.driftwatch.drift.concept.ErrorSamples} fixes. Emits drift reports and captured
 * reference profiles.
 *
 * <p>A partial for a slice already closed (from a partition that was idle, or records out of
 * order beyond the grace) is late: counted, and merged into the first open slice rather than lost.
 */
final class MergeProcessor extends PartialMerger<String, SpecificRecord> {

    /** Names of the stores this processor uses. */
    record Stores(String slices, String models, String clocks, String captured, String profiles) {
    }

    private final DriftSettings settings;
    private final Stores storeNames;
    private final Deserializer<ReferenceProfile> profileDeserializer;
    private final String profileTopic;
    private final DriftMetrics metrics;
    private final long window;
    private final long grace;
    private final Map<String, CachedReference> references = new HashMap<>();
    private KeyValueStore<String, byte[]> slices;
    private KeyValueStore<String, byte[]> models;
    private KeyValueStore<String, byte[]> captured;
    private KeyValueStore<String, byte[]> profiles;

    MergeProcessor(DriftSettings settings, Stores storeNames, Deserializer<ReferenceProfile> profileDeserializer,
                   String profileTopic, DriftMetrics metrics, int inputPartitions) {
        super(storeNames.clocks(), inputPartitions, settings.window().toMillis(), settings.idleTimeout());
        this.settings = settings;
        this.storeNames = storeNames;
        this.profileDeserializer = profileDeserializer;
        this.profileTopic = profileTopic;
        this.metrics = metrics;
        this.window = settings.window().toMillis();
        this.grace = settings.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        slices = context.getStateStore(storeNames.slices());
        models = context.getStateStore(storeNames.models());
        captured = context.getStateStore(storeNames.captured());
        profiles = context.getStateStore(storeNames.profiles());
    }

    /** Both streams' slices close a window plus its grace behind their clock. */
    @Override
    protected long lag(String stream) {
        return window + grace;
    }

    @Override
    protected void merge(Record<String, byte[]> record) {
        Partial.Slice slice = Partial.sliceOf(record.value());
        String kind = slice.kind().name();
        Long closed = closedUpTo(kind);
        long start = slice.sliceStart();
        byte[] bytes = record.value(); // kept as sent, decoded once when its slice closes
        if (closed != null && start <= closed) {
            Partial partial = Partial.fromBytes(bytes);
            metrics.late(partial.modelId(), partial.kind(), partial.count());
            start = firstOpenSlice(closed);
            bytes = partial.movedTo(start).toBytes();
        }
        // Kept apart until the slice closes: merged, a busy slice's errors, or a wide model's feature
        // sketches, would also outgrow Kafka's record size. Keys sort by kind, start time, then
        // model: closing walks them in that order.
        slices.put(arrivalKey(kind, start, slice.modelKey()), bytes);
    }

    /** Closes the slices of a kind up to a start time, each with all its entries merged, in key order. */
    @Override
    protected void close(String kind, long lastClosable) {
        Map<String, Partial> due = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> entry : SliceKeys.due(slices, kind, lastClosable)) {
            slices.delete(entry.key);
            Partial part = Partial.fromBytes(entry.value);
            due.merge(SliceKeys.key(kind, part.sliceStart(), part.modelKey()), part, (a, b) -> {
                a.merge(b);
                return a;
            });
        }
        for (Partial slice : due.values()) {
            ModelState state = ModelState.fromEntries(models::get, slice.modelKey());
            if (slice.kind() == Partial.Kind.PREDICTIONS) {
                closeWindow(slice, state);
            } else {
                closeErrors(slice, state);
            }
            state.toEntries(slice.modelKey()).forEach(models::put);
        }
    }

    private void closeWindow(Partial slice, ModelState state) {
        ModelDriftSettings model = settings.model(slice.modelId());
        long windowEnd = slice.sliceStart() + window;
        ReferenceModel reference = reference(slice.modelKey());
        if (reference == null && model.autoCaptureSamples() > 0) {
            capture(slice, state, model, windowEnd);
        }
        Partial tested = state.pending;
        if (tested == null) {
            tested = slice;
        } else {
            tested.merge(slice);
        }
        if (tested.count() < model.minWindowSamples()) {
            state.pending = tested;
            return;
        }
        state.pending = null;

        List<FeatureDrift> features = new ArrayList<>();
        FeatureDrift prediction = null;
        FeatureDrift multivariate = null;
        double share = 0;
        boolean datasetDrift = false;
        long referenceSize = 0;
        if (reference != null) {
            WindowTest.Result result = WindowTest.run(reference, tested.profile(), model::feature,
                    model.multipleTesting(), model.thresholds().alpha(), model.datasetDriftShare(),
                    model.multivariateAlpha());
            Map<String, Boolean> persistent = new HashMap<>();
            result.verdict().features().forEach(v -> {
                Persistence p = Persistence.restore(model.persistenceRequired(), model.persistenceWindows(),
                        state.featureHistory.getOrDefault(v.feature(), 0L));
                persistent.put(v.feature(), p.record(v.drifted()));
                state.featureHistory.put(v.feature(), p.history());
            });
            result.verdict().features().forEach(v -> features.add(DriftReports.feature(v, persistent::get)));
            prediction = result.prediction() == null ? null : DriftReports.feature(result.prediction(), f -> false);
            multivariate = result.multivariate() == null ? null : DriftReports.multivariate(result.multivariate());
            share = result.verdict().driftedShare();
            datasetDrift = result.verdict().datasetDrift();
            referenceSize = reference.profile().getSampleCount();
            metrics.window(slice.modelId(), result);
        }
        Persistence dataset = Persistence.restore(model.persistenceRequired(), model.persistenceWindows(),
                state.datasetHistory);
        boolean persistent = dataset.record(datasetDrift);
        state.datasetHistory = dataset.history();
        List<ConceptDriftStatus> concept = state.detectors == null ? List.of()
                : state.detectors.report().stream().map(DriftReports::concept).toList();
        context.forward(new Record<>(DriftReports.key(slice.modelId(), slice.modelVersion(), tested.sliceStart()),
                DriftReports.report(tested, windowEnd, referenceSize, features, prediction, multivariate, share,
                        datasetDrift, persistent, concept),
                windowEnd));
    }

    /**
     * Adds a closed window to the capture of a version without a reference; once the capture
     * holds enough predictions it becomes the reference, is kept here until the profile topic
     * brings it back, and is published so that it survives restarts and can be inspected.
     */
    private void capture(Partial slice, ModelState state, ModelDriftSettings model, long windowEnd) {
        if (state.capture == null) {
            state.capture = Partial.predictions(slice.modelId(), slice.modelVersion(), slice.sliceStart(),
                    model.maxCategories(), true);
        }
        state.capture.merge(slice);
        if (state.capture.count() < model.autoCaptureSamples()) {
            return;
        }
        TaskType task = settings.catalogue().model(slice.modelId()).task();
        ProfileBuilder builder = new ProfileBuilder(slice.modelId(), slice.modelVersion(), ProfileSource.AUTO_CAPTURE,
                task, model.maxCategories());
        builder.merge(state.capture.profile());
        ReferenceProfile built = builder.build(Instant.ofEpochMilli(windowEnd));
        if (built.getNumericMoments() != null && built.getNumericMoments().getGroups().size() != JointMoments.GROUPS) {
            // Summarised where a reference was seen (since removed, or not yet seen here): no groups
            // to fit the multivariate test on.
            built.setNumericMoments(null);
        }
        ReferenceProfile profile = ProfileFitter.fitToRecord(built);
        state.capture = null;
        captured.put(slice.modelKey(), Partial.encode(profile));
        context.forward(new Record<>(slice.modelKey(), profile, windowEnd));
    }

    private void closeErrors(Partial slice, ModelState state) {
        if (state.detectors == null) {
            state.detectors = ModelDetectors.create(settings.model(slice.modelId()).detectors().detectors());
        }
        ReferenceModel reference = reference(slice.modelKey());
        // Absolute errors are scaled so that three reference standard deviations of the score make 1.
        double scale = reference != null && reference.score() != null && reference.score().stdDev() > 0
                ? 3 * reference.score().stdDev() : 1;
        ModelDetectors detectors = state.detectors;
        slice.errors().forEachInOrder((time, error, absolute) ->
                detectors.update(absolute ? Math.min(1, error / scale) : error, time));
    }

    /** The version's reference: published on the profile topic, else captured here; decoded once per change. */
    private ReferenceModel reference(String modelKey) {
        byte[] published = profiles.get(modelKey);
        byte[] bytes = published != null ? published : captured.get(modelKey);
        if (bytes == null) {
            return null;
        }
        CachedReference cached = references.get(modelKey);
        if (cached != null && Arrays.equals(cached.bytes, bytes)) {
            return cached.model;
        }
        ReferenceProfile profile = published != null ? profileDeserializer.deserialize(profileTopic, bytes)
                : Partial.decode(bytes);
        ReferenceModel model = ReferenceModel.of(profile);
        references.put(modelKey, new CachedReference(bytes, model));
        return model;
    }

    private record CachedReference(byte[] bytes, ReferenceModel model) {
    }
}
