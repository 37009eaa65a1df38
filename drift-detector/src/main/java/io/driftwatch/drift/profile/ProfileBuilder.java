package io.driftwatch.drift.profile;

import io.driftwatch.events.CategoricalProfile;
import io.driftwatch.events.NumericProfile;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Builds a model version's {@link ReferenceProfile} from rows (training data, or the first
 * predictions of a new version), one row at a time in constant memory per feature: a pure
 * library used by {@code driftwatch profile} and by auto-capture.
 *
 * <p>A feature absent from a row counts as missing for that feature, once the feature is known;
 * a feature first seen at row k has k missing rows before it.
 *
 * <p>Beside each feature on its own, the joint moments of the numeric features of the first row
 * ({@link JointMoments}, over the rows that hold all of them finite) feed the multivariate test,
 * for models of up to {@link JointMoments#MAX_FEATURES} numeric features. Summaries whose rows
 * began with different numeric features cannot be joined and drop them.
 */
public final class ProfileBuilder {

    /** Categories kept per categorical feature before the rest go to {@code other}. */
    public static final int DEFAULT_MAX_CATEGORIES = 1_000;

    private final String modelId;
    private final String modelVersion;
    private final ProfileSource source;
    private final TaskType task;
    private final int maxCategories;
    private final Map<String, NumericSummary> numeric = new LinkedHashMap<>();
    private final Map<String, CategoricalSummary> categorical = new LinkedHashMap<>();
    private final FeatureSlots<NumericSummary> numericSlots = new FeatureSlots<>(numeric, this::newNumeric);
    private final FeatureSlots<CategoricalSummary> categoricalSlots = new FeatureSlots<>(categorical, this::newCategorical);
    private final NumericSummary score = new NumericSummary();
    private final CategoricalSummary label;
    private long rows;
    /** Null until the first row, and after summaries of different numeric features were merged. */
    private JointMoments moments;
    private boolean momentsDropped;
    private boolean momentGroups = true;
    /** The current row's values of the moments' features, and how many of them it held finite. */
    private double[] momentRow;
    private int momentValues;
    private final BiConsumer<NumericSummary, Double> addNumeric = this::addNumeric;
    /** The rows' event times; MAX_VALUE / MIN_VALUE while none is known (primitives: no boxing per row). */
    private long dataFrom = Long.MAX_VALUE;
    private long dataTo = Long.MIN_VALUE;

    public ProfileBuilder(String modelId, String modelVersion, ProfileSource source, TaskType task, int maxCategories) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.source = source;
        this.task = task;
        this.maxCategories = maxCategories;
        this.label = new CategoricalSummary(maxCategories);
    }

    /**
     * @param eventTime when the row happened, or null when unknown
     * @param score     the model's score for the row, or null
     * @param label     the model's predicted label for the row, or null
     */
    public void add(Map<String, Double> numericFeatures, Map<String, String> categoricalFeatures, Double score,
                    String label, Instant eventTime) {
        boolean allNumeric = numericSlots.add(numericFeatures, addNumeric);
        addMoments(numericFeatures);
        boolean allCategorical = categoricalSlots.add(categoricalFeatures, CategoricalSummary::add);
        if (!allNumeric || !allCategorical) {
            addMissing(numericFeatures.keySet(), categoricalFeatures.keySet(), 1);
        }
        if (score != null) {
            this.score.add(score);
        }
        if (label != null) {
            this.label.add(label);
        }
        if (eventTime != null) {
            long t = eventTime.toEpochMilli();
            dataFrom = Math.min(dataFrom, t);
            dataTo = Math.max(dataTo, t);
        }
        rows++;
    }

    private void addNumeric(NumericSummary summary, Double value) {
        summary.add(value);
        addToMomentRow(summary, value);
    }

    /** Puts a value of one of the moments' features into the current row (its summary knows where). */
    private void addToMomentRow(NumericSummary summary, Double value) {
        int i = summary.momentIndex;
        if (i >= 0 && value != null && Double.isFinite(value)) {
            momentRow[i] = value;
            momentValues++;
        }
    }

    /** Adds the row to the joint moments when it held every one of their features; the first row picks them. */
    private void addMoments(Map<String, Double> numericFeatures) {
        if (moments == null && !momentsDropped && rows == 0 && !numericFeatures.isEmpty()
                && numericFeatures.size() <= JointMoments.MAX_FEATURES) {
            startMoments(new TreeSet<>(numericFeatures.keySet()).toArray(new String[0]));
            numericFeatures.forEach((name, value) -> addToMomentRow(numeric.get(name), value));
        }
        if (moments != null && momentValues == momentRow.length) {
            moments.add(momentRow);
        }
        momentValues = 0;
    }

    /**
     * Keeps the joint moments in one group (before the first row): for summaries of a version that
     * has a reference already, which are only tested, never captured as one ({@link JointMoments}).
     */
    public void withoutMomentGroups() {
        momentGroups = false;
    }

    private void startMoments(String[] features) {
        moments = momentGroups ? new JointMoments(Arrays.asList(features)) : JointMoments.ungrouped(Arrays.asList(features));
        momentRow = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            numeric(features[i]).momentIndex = i;
        }
    }

    /** Joins other rows' joint moments to these: adopted by an empty builder, merged when of the same features, else dropped. */
    private void mergeMoments(JointMoments other, long otherRows) {
        if (otherRows == 0 || momentsDropped) {
            return;
        }
        if (other != null && moments == null && rows == 0) {
            startMoments(other.features().toArray(new String[0]));
        }
        if (other != null && moments != null && moments.features().equals(other.features())) {
            moments.merge(other);
        } else {
            moments = null;
            momentsDropped = true;
        }
    }

    /**
     * Adds a profile of other rows, e.g. another partition's summary of the same window: a
     * feature known on one side only counts as missing in the other side's rows, as in {@link #add}.
     */
    public void merge(ReferenceProfile other) {
        merge(other, other.getNumericMoments() == null ? null : JointMoments.of(other.getNumericMoments()));
    }

    /** As {@link #merge(ReferenceProfile)}, with the joint moments that travelled beside the profile (see {@link #buildForMerging}). */
    public void merge(ReferenceProfile other, JointMoments otherMoments) {
        long otherRows = other.getSampleCount();
        mergeMoments(otherMoments, otherRows);
        other.getNumericFeatures().forEach((name, profile) -> numeric(name).merge(profile));
        other.getCategoricalFeatures().forEach((name, profile) -> categorical(name).merge(profile));
        addMissing(other.getNumericFeatures().keySet(), other.getCategoricalFeatures().keySet(), otherRows);
        if (other.getScore() != null) {
            score.merge(other.getScore());
        }
        if (other.getPredictedLabel() != null) {
            label.merge(other.getPredictedLabel());
        }
        if (other.getDataFrom() != null) {
            dataFrom = Math.min(dataFrom, other.getDataFrom().toEpochMilli());
        }
        if (other.getDataTo() != null) {
            dataTo = Math.max(dataTo, other.getDataTo().toEpochMilli());
        }
        rows += otherRows;
    }

    /**
     * Adds another builder's rows (another partition's summary of the same slice), as {@link
     * #merge(ReferenceProfile)} does with its profile, without building or encoding it.
     */
    public void merge(ProfileBuilder other) {
        mergeMoments(other.moments, other.rows);
        other.numeric.forEach((name, summary) -> numeric(name).merge(summary));
        other.categorical.forEach((name, summary) -> categorical(name).merge(summary));
        addMissing(other.numeric.keySet(), other.categorical.keySet(), other.rows);
        score.merge(other.score);
        label.merge(other.label);
        dataFrom = Math.min(dataFrom, other.dataFrom);
        dataTo = Math.max(dataTo, other.dataTo);
        rows += other.rows;
    }

    private NumericSummary numeric(String name) {
        return numeric.computeIfAbsent(name, this::newNumeric);
    }

    private CategoricalSummary categorical(String name) {
        return categorical.computeIfAbsent(name, this::newCategorical);
    }

    /** A feature first met now was missing from every row before. */
    private NumericSummary newNumeric(String name) {
        NumericSummary summary = new NumericSummary();
        summary.addMissing(rows);
        return summary;
    }

    private CategoricalSummary newCategorical(String name) {
        CategoricalSummary summary = new CategoricalSummary(maxCategories);
        summary.addMissing(rows);
        return summary;
    }

    /** Known features absent from rows that hold only the given ones are missing in those rows. */
    private void addMissing(Set<String> presentNumeric, Set<String> presentCategorical, long newRows) {
        numeric.forEach((name, summary) -> {
            if (!presentNumeric.contains(name)) {
                summary.addMissing(newRows);
            }
        });
        categorical.forEach((name, summary) -> {
            if (!presentCategorical.contains(name)) {
                summary.addMissing(newRows);
            }
        });
    }

    public long rows() {
        return rows;
    }

    /**
     * About the bytes {@link #build} would encode to (names counted as ASCII): what a summary
     * checks to travel before it nears Kafka's record size, however many features its rows bring.
     */
    public long encodedSizeBound() {
        long bytes = 512L + score.encodedSizeBound() + label.encodedSizeBound();
        if (moments != null) {
            bytes += moments.encodedSize();
        }
        for (Map.Entry<String, NumericSummary> e : numeric.entrySet()) {
            bytes += e.getKey().length() + e.getValue().encodedSizeBound();
        }
        for (Map.Entry<String, CategoricalSummary> e : categorical.entrySet()) {
            bytes += e.getKey().length() + e.getValue().encodedSizeBound();
        }
        return bytes;
    }

    public ReferenceProfile build(Instant createdAt) {
        return build(createdAt, true).setNumericMoments(moments == null ? null : moments.toAvro()).build();
    }

    /**
     * The profile without numeric bins (deciles and their counts), which only a reference or a
     * tested window needs, and without the joint moments, which a partial summary encodes beside it
     * ({@link #moments()}; Avro would box each of their hundreds of doubles): what a partial
     * travels and is stored as, for {@link #merge(ReferenceProfile, JointMoments)}; computing the
     * deciles sorts every sketch.
     */
    public ReferenceProfile buildForMerging(Instant createdAt) {
        return build(createdAt, false).build();
    }

    /** The joint moments of the numeric features; null before the first row, or once rows of other features dropped them. */
    public JointMoments moments() {
        return moments;
    }

    /** Everything but the joint moments. */
    private ReferenceProfile.Builder build(Instant createdAt, boolean bins) {
        CategoricalProfile labels = label.toProfile();
        Map<String, NumericProfile> numericProfiles = new LinkedHashMap<>();
        numeric.forEach((name, summary) -> numericProfiles.put(name, summary.toProfile(bins)));
        Map<String, CategoricalProfile> categoricalProfiles = new LinkedHashMap<>();
        categorical.forEach((name, summary) -> categoricalProfiles.put(name, summary.toProfile()));
        return ReferenceProfile.newBuilder()
                .setModelId(modelId).setModelVersion(modelVersion).setCreatedAt(createdAt)
                .setSource(source).setTaskType(task).setSampleCount(rows)
                .setDataFrom(dataFrom == Long.MAX_VALUE ? null : Instant.ofEpochMilli(dataFrom))
                .setDataTo(dataTo == Long.MIN_VALUE ? null : Instant.ofEpochMilli(dataTo))
                .setNumericFeatures(numericProfiles)
                .setCategoricalFeatures(categoricalProfiles)
                .setScore(score.count() == 0 ? null : score.toProfile(bins))
                .setPredictedLabel(labels.getCount() == 0 ? null : labels);
    }
}
