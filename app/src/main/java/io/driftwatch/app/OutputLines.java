package io.driftwatch.app;

import io.driftwatch.events.Alert;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.Estimate;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.metrics.estimation.PerformanceEstimator;
import io.driftwatch.schemas.SnapshotSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Driftwatch's outputs as one readable line each (aggregates only, as the records themselves). */
final class OutputLines {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private OutputLines() {
    }

    static String of(Object record) {
        if (record instanceof MetricSnapshot s) {
            return metric(s);
        } else if (record instanceof DriftReport r) {
            return drift(r);
        } else if (record instanceof Alert a) {
            return alert(a);
        } else if (record instanceof RetrainingTrigger t) {
            return trigger(t);
        }
        return String.valueOf(record);
    }

    static String metric(MetricSnapshot s) {
        String segment = SnapshotSeries.ALL_SEGMENTS.equals(s.getSegment()) ? "" : " [" + s.getSegment() + "]";
        StringBuilder line = new StringBuilder(String.format("%s metrics  %s v%s%s  %,d predictions",
                window(s.getWindowStart(), s.getWindowEnd()), s.getModelId(), s.getModelVersion(), segment,
                s.getPredictionCount()));
        if (!SnapshotSeries.BASE.equals(s.getHorizon())) {
            line.append(" (").append(s.getHorizon()).append(')');
        }
        if (s.getClassification() != null && s.getLabeledCount() > 0) {
            line.append(String.format(" · accuracy %.3f · F1 %.3f", s.getClassification().getAccuracy(),
                    s.getClassification().getMacroF1()));
        }
        Estimate estimated = s.getEstimatedPerformance() == null ? null : s.getEstimatedPerformance().getAccuracy();
        if (estimated != null) {
            line.append(String.format(" · estimated accuracy %.3f ± %.3f", estimated.getValue(),
                    PerformanceEstimator.BAND * estimated.getStandardError()));
        }
        if (s.getRegression() != null && s.getLabeledCount() > 0) {
            line.append(String.format(" · MAE %.2f · RMSE %.2f", s.getRegression().getMae(), s.getRegression().getRmse()));
        }
        if (s.getLabelCoverage() != null) {
            line.append(String.format(" · labels %.0f%%", 100 * s.getLabelCoverage()));
        }
        Double p95 = s.getLatencyQuantilesMs().get("p95");
        if (p95 != null) {
            line.append(String.format(" · latency p95 %.0f ms", p95));
        }
        line.append(s.getFinal$() ? " · final" : s.getRevision() > 0 ? " · revision " + s.getRevision() : "");
        return line.toString();
    }

    static String drift(DriftReport r) {
        StringBuilder line = new StringBuilder(String.format("%s drift    %s v%s  %,d predictions · ", window(r.getWindowStart(),
                r.getWindowEnd()), r.getModelId(), r.getModelVersion(), r.getSampleSize()));
        List<String> drifted = new ArrayList<>();
        for (FeatureDrift f : r.getFeatures()) {
            if (f.getDrifted()) {
                Double value = f.getStatistics().get(f.getMethod());
                drifted.add(f.getFeature() + (value == null ? "" : String.format(" (%s %.2f)", f.getMethod(), value)));
            }
        }
        if (r.getReferenceSampleSize() == 0) {
            line.append("no reference yet");
        } else if (drifted.isEmpty()) {
            line.append("data: no drift");
        } else {
            line.append(String.format("DATA DRIFT in %d of %d features%s: %s", drifted.size(), r.getFeatures().size(),
                    r.getPersistent() ? ", persistent" : "", String.join(", ", drifted)));
        }
        if (r.getPredictionDrift() != null && r.getPredictionDrift().getDrifted()) {
            line.append(" · PREDICTION DRIFT (").append(r.getPredictionDrift().getFeature()).append(')');
        }
        FeatureDrift joint = r.getMultivariateDrift();
        if (joint != null && joint.getDrifted()) {
            line.append(String.format(" · MULTIVARIATE DRIFT (score %.2f)", joint.getDriftScore()));
        }
        List<String> concept = new ArrayList<>();
        for (ConceptDriftStatus c : r.getConceptDrift()) {
            if (c.getState() != DetectorState.STABLE) {
                concept.add(c.getDetector() + " " + c.getState());
            }
        }
        line.append(concept.isEmpty() ? " · concept: stable" : " · CONCEPT " + String.join(", ", concept));
        return line.toString();
    }

    static String alert(Alert a) {
        return String.format("%s ALERT %-8s %-8s %s%s  %s%s", clock(a.getStartsAt()), a.getState(), a.getSeverity(),
                a.getModelId(), a.getModelVersion() == null ? "" : " v" + a.getModelVersion(), a.getSummary(),
                a.getSilenced() ? " (silenced)" : "");
    }

    static String trigger(RetrainingTrigger t) {
        return String.format("%s RETRAINING TRIGGER %s  %s v%s  %s · training data %s–%s · %,d new labels",
                clock(t.getTrainingDataTo()), t.getStatus(), t.getModelId(), t.getModelVersion(), t.getReason(),
                clock(t.getTrainingDataFrom()), clock(t.getTrainingDataTo()), t.getNewLabeledCount());
    }

    static String clock(Instant t) {
        return CLOCK.format(t);
    }

    private static String window(Instant start, Instant end) {
        return "[" + clock(start) + "–" + clock(end) + "]";
    }
}
