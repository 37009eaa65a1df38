package io.driftwatch.metrics.summary;

import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.events.QualityIssue;
import io.driftwatch.metrics.estimation.ScoreBins;
import io.driftwatch.metrics.estimation.ClassCalibrations;
import io.driftwatch.metrics.estimation.ScoreTally;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import io.driftwatch.schemas.sketch.KllSketch;

/**
 * Everything the metrics of one model version's window are computed from, mergeable: exact
 * counts and sums where the metric allows (volume, confusion matrix, log loss and Brier sums,
 * regression sums, KPIs, data-quality counts), KLL sketches (k = 200) for quantiles of score,
 * latency and label delay, per-class score histograms ({@link ScoreBins}) for ROC AUC, and the
 * predictions' {@link ScoreTally} for estimated performance. Merging two summaries gives the
 * summary of the union of their records, in any order.
 */
public final class WindowSummary {

    private static final double LOG_LOSS_EPSILON = 1e-15;
    /**
     * Format 2 added the score tally, format 3 the class tallies and outcomes; summaries stored in
     * an earlier format still read, with empty ones.
     */
    private static final byte FORMAT = 3;

    long predictions;
    final KllSketch scores;
    final KllSketch latencies;
    final Map<String, Long> predictedClasses = new TreeMap<>();
    /** Per feature: missing, invalid (not finite or empty), out of range, unseen category. */
    final Map<String, long[]> quality = new TreeMap<>();
    /** Classified predictions with a score, by bin and predicted class, for estimated performance. */
    ScoreTally tally = new ScoreTally();
    /** A multiclass model's predictions, per class its calibrated probability's bin and whether predicted. */
    final Map<String, ScoreTally> classTallies = new TreeMap<>();

    long labeled;
    final KllSketch labelDelays;
    /** Count per actual and predicted label, keyed {@code actual NUL predicted}. */
    final Map<String, Long> confusion = new TreeMap<>();
    double logLossSum;
    long logLossCount;
    double brierSum;
    long brierCount;
    /** Per score bin: labelled positives, labelled negatives. */
    final Map<Integer, long[]> scoreBins = new TreeMap<>();

    long regressionCount;
    double absErrorSum;
    double squaredErrorSum;
    double errorSum;
    double percentErrorSum;
    long percentErrorCount;
    long percentErrorSkipped;
    double actualSum;
    double actualSquaredSum;

    /** A multiclass model's labelled predictions, per class its probability's bin and whether actual: for a capture. */
    final Map<String, ScoreTally> classOutcomes = new TreeMap<>();

    /** Per outcome key: labelled predictions that reported it, sum, non-zero count. */
    final Map<String, double[]> kpis = new TreeMap<>();

    public WindowSummary() {
        this(new KllSketch(), new KllSketch(), new KllSketch());
    }

    private WindowSummary(KllSketch scores, KllSketch latencies, KllSketch labelDelays) {
        this.scores = scores;
        this.latencies = latencies;
        this.labelDelays = labelDelays;
    }

    /** Adds a validated prediction of a binary classifier or regressor: {@link #addPrediction(PredictionEvent, String, ClassCalibrations)} without class tallies. */
    public void addPrediction(PredictionEvent event, String positiveLabel) {
        addPrediction(event, positiveLabel, null);
    }

    /**
     * Adds a validated prediction: volume, score, predicted class, latency and its quality flags;
     * one with both a score and a predicted label also goes to the score tally, one with class
     * probabilities, a predicted label and no score to the class tallies when {@code classes} is given.
     *
     * @param positiveLabel the positive class of a binary model, which the score is the probability of;
     *                      null to leave the score tally out (estimated performance off)
     * @param classes       the model version's multiclass calibrations; null to leave the class tallies out
     */
    public void addPrediction(PredictionEvent event, String positiveLabel, ClassCalibrations classes) {
        predictions++;
        Double score = event.getScore();
        String label = event.getPredictedLabel();
        if (score != null && Double.isFinite(score)) {
            scores.update(score);
            if (label != null && positiveLabel != null) {
                tally.add(score, label.equals(positiveLabel));
            }
        }
        if (label != null) {
            predictedClasses.merge(label, 1L, Long::sum);
            if (classes != null && score == null) {
                classes.apply(event.getClassProbabilities(), (c, q) ->
                        classTallies.computeIfAbsent(c, k -> new ScoreTally()).add(q, c.equals(label)));
            }
        }
        if (event.getServingLatencyMs() != null && Double.isFinite(event.getServingLatencyMs())) {
            latencies.update(event.getServingLatencyMs());
        }
        for (QualityIssue issue : event.getQualityIssues()) {
            int kind = switch (issue.getKind()) {
                case MISSING -> 0;
                case NOT_FINITE, EMPTY_CATEGORY -> 1;
                case OUT_OF_RANGE -> 2;
                case UNSEEN_CATEGORY -> 3;
                default -> -1;
            };
            if (kind >= 0) {
                quality.computeIfAbsent(issue.getFeature(), f -> new long[4])[kind]++;
            }
        }
    }

    /**
     * Adds a labelled prediction: label delay, then classification (both labels), regression (a
     * score and an actual value) and business outcomes, whichever the record carries.
     *
     * @param positiveLabel the positive class of a binary model, for log loss, Brier and ROC AUC from the score
     */
    public void addLabeled(LabeledPrediction labeledPrediction, String positiveLabel) {
        PredictionEvent p = labeledPrediction.getPrediction();
        GroundTruthEvent truth = labeledPrediction.getGroundTruth();
        labeled++;
        labelDelays.update(Math.max(0, labeledPrediction.getLabelDelayMs()));
        String actual = truth.getActualLabel();
        if (actual != null && p.getPredictedLabel() != null) {
            confusion.merge(actual + '\u0000' + p.getPredictedLabel(), 1L, Long::sum);
            Double probability = p.getClassProbabilities().get(actual);
            Double score = p.getScore();
            boolean positive = actual.equals(positiveLabel);
            if (probability == null && score != null && Double.isFinite(score)) {
                probability = positive ? score : 1 - score;
            }
            if (score == null) {
                p.getClassProbabilities().forEach((c, q) -> {
                    if (q != null && Double.isFinite(q)) {
                        classOutcomes.computeIfAbsent(c, k -> new ScoreTally()).add(q, c.equals(actual));
                    }
                });
            }
            if (probability != null && Double.isFinite(probability)) {
                logLossSum += -Math.log(Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, probability)));
                logLossCount++;
            }
            if (score != null && Double.isFinite(score)) {
                double y = positive ? 1 : 0;
                brierSum += (score - y) * (score - y);
                brierCount++;
                int bin = ScoreBins.of(score);
                scoreBins.computeIfAbsent(bin, b -> new long[2])[positive ? 0 : 1]++;
            }
        }
        Double value = truth.getActualValue();
        if (value != null && Double.isFinite(value) && p.getScore() != null && Double.isFinite(p.getScore())) {
            double error = p.getScore() - value;
            regressionCount++;
            absErrorSum += Math.abs(error);
            squaredErrorSum += error * error;
            errorSum += error;
            actualSum += value;
            actualSquaredSum += value * value;
            if (value == 0) {
                percentErrorSkipped++;
            } else {
                percentErrorSum += Math.abs(error / value);
                percentErrorCount++;
            }
        }
        truth.getOutcomes().forEach((key, outcome) -> {
            if (outcome != null && Double.isFinite(outcome)) {
                double[] kpi = kpis.computeIfAbsent(key, k -> new double[3]);
                kpi[0]++;
                kpi[1] += outcome;
                kpi[2] += outcome != 0 ? 1 : 0;
            }
        });
    }

    /** Adds the records of another summary. */
    public void merge(WindowSummary other) {
        predictions += other.predictions;
        scores.merge(other.scores);
        latencies.merge(other.latencies);
        other.predictedClasses.forEach((k, v) -> predictedClasses.merge(k, v, Long::sum));
        other.quality.forEach((k, v) -> add(quality.computeIfAbsent(k, f -> new long[4]), v));
        tally.merge(other.tally);
        merge(classTallies, other.classTallies);
        labeled += other.labeled;
        labelDelays.merge(other.labelDelays);
        other.confusion.forEach((k, v) -> confusion.merge(k, v, Long::sum));
        merge(classOutcomes, other.classOutcomes);
        logLossSum += other.logLossSum;
        logLossCount += other.logLossCount;
        brierSum += other.brierSum;
        brierCount += other.brierCount;
        other.scoreBins.forEach((k, v) -> add(scoreBins.computeIfAbsent(k, b -> new long[2]), v));
        regressionCount += other.regressionCount;
        absErrorSum += other.absErrorSum;
        squaredErrorSum += other.squaredErrorSum;
        errorSum += other.errorSum;
        percentErrorSum += other.percentErrorSum;
        percentErrorCount += other.percentErrorCount;
        percentErrorSkipped += other.percentErrorSkipped;
        actualSum += other.actualSum;
        actualSquaredSum += other.actualSquaredSum;
        other.kpis.forEach((k, v) -> {
            double[] kpi = kpis.computeIfAbsent(k, key -> new double[3]);
            for (int i = 0; i < 3; i++) {
                kpi[i] += v[i];
            }
        });
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    public long predictions() {
        return predictions;
    }

    public long labeled() {
        return labeled;
    }

    public ScoreTally tally() {
        return tally;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(predictions);
            writeSketch(out, scores);
            writeSketch(out, latencies);
            writeCounts(out, predictedClasses);
            out.writeInt(quality.size());
            for (Map.Entry<String, long[]> e : quality.entrySet()) {
                out.writeUTF(e.getKey());
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
            out.writeLong(labeled);
            writeSketch(out, labelDelays);
            writeCounts(out, confusion);
            for (double v : new double[] {logLossSum, logLossCount, brierSum, brierCount}) {
                out.writeDouble(v);
            }
            out.writeInt(scoreBins.size());
            for (Map.Entry<Integer, long[]> e : scoreBins.entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
            for (double v : new double[] {regressionCount, absErrorSum, squaredErrorSum, errorSum, percentErrorSum,
                    percentErrorCount, percentErrorSkipped, actualSum, actualSquaredSum}) {
                out.writeDouble(v);
            }
            out.writeInt(kpis.size());
            for (Map.Entry<String, double[]> e : kpis.entrySet()) {
                out.writeUTF(e.getKey());
                for (double v : e.getValue()) {
                    out.writeDouble(v);
                }
            }
            tally.write(out);
            writeTallies(out, classTallies);
            writeTallies(out, classOutcomes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static WindowSummary fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format < 1 || format > FORMAT) {
                throw new IllegalArgumentException("window summary in an unknown format");
            }
            long predictions = in.readLong();
            KllSketch scores = readSketch(in);
            KllSketch latencies = readSketch(in);
            Map<String, Long> classes = readCounts(in);
            Map<String, long[]> quality = new TreeMap<>();
            int features = in.readInt();
            for (int i = 0; i < features; i++) {
                quality.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong(), in.readLong()});
            }
            long labeled = in.readLong();
            WindowSummary s = new WindowSummary(scores, latencies, readSketch(in));
            s.predictions = predictions;
            s.predictedClasses.putAll(classes);
            s.quality.putAll(quality);
            s.labeled = labeled;
            s.confusion.putAll(readCounts(in));
            s.logLossSum = in.readDouble();
            s.logLossCount = (long) in.readDouble();
            s.brierSum = in.readDouble();
            s.brierCount = (long) in.readDouble();
            int bins = in.readInt();
            for (int i = 0; i < bins; i++) {
                s.scoreBins.put(in.readInt(), new long[] {in.readLong(), in.readLong()});
            }
            s.regressionCount = (long) in.readDouble();
            s.absErrorSum = in.readDouble();
            s.squaredErrorSum = in.readDouble();
            s.errorSum = in.readDouble();
            s.percentErrorSum = in.readDouble();
            s.percentErrorCount = (long) in.readDouble();
            s.percentErrorSkipped = (long) in.readDouble();
            s.actualSum = in.readDouble();
            s.actualSquaredSum = in.readDouble();
            int kpis = in.readInt();
            for (int i = 0; i < kpis; i++) {
                s.kpis.put(in.readUTF(), new double[] {in.readDouble(), in.readDouble(), in.readDouble()});
            }
            if (format >= 2) {
                s.tally = ScoreTally.read(in);
            }
            if (format >= 3) {
                readTallies(in, s.classTallies);
                readTallies(in, s.classOutcomes);
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated window summary", e);
        }
    }

    private static void merge(Map<String, ScoreTally> into, Map<String, ScoreTally> from) {
        from.forEach((label, tally) -> into.computeIfAbsent(label, k -> new ScoreTally()).merge(tally));
    }

    private static void writeTallies(DataOutputStream out, Map<String, ScoreTally> tallies) throws IOException {
        out.writeInt(tallies.size());
        for (Map.Entry<String, ScoreTally> e : tallies.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().write(out);
        }
    }

    private static void readTallies(DataInputStream in, Map<String, ScoreTally> into) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            into.put(in.readUTF(), ScoreTally.read(in));
        }
    }

    private static void writeSketch(DataOutputStream out, KllSketch sketch) throws IOException {
        byte[] bytes = sketch.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static KllSketch readSketch(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return KllSketch.fromBytes(bytes);
    }

    private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static Map<String, Long> readCounts(DataInputStream in) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
        return counts;
    }
}
