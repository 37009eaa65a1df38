package io.driftwatch.app;

import io.driftwatch.app.simulate.Scenario;
import io.driftwatch.events.Alert;
import io.driftwatch.events.AlertState;
import io.driftwatch.events.ConceptDriftStatus;
import io.driftwatch.events.DetectorState;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.FeatureDrift;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.schemas.SnapshotSeries;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's live log and its verdict: prints each window's headline metrics, each drift report,
 * alert and retraining trigger as they arrive, and checks them against what the scenario
 * injected — which features drifted and when, when the concept changed, and whether the
 * estimated-accuracy alert came before the realised one.
 */
final class DemoStory {

    /** The demo's rules on the classifier's estimated and realised accuracy. */
    static final String ESTIMATED_RULE = "estimated-accuracy-low";
    static final String REALISED_RULE = "accuracy-low";

    /**
     * What was injected and what was found.
     *
     * @param injectedAt      simulated time the phase began
     * @param injected        the features (data drift) or the segment (concept drift) changed
     * @param detectedIn      end of the first reported window that found it, or null
     * @param found           for data drift the features flagged while it lasted; for concept drift the detectors at DRIFT
     * @param detectors       for data drift, the error-stream detectors that saw the accuracy drop it caused
     */
    record Finding(String kind, Instant injectedAt, Set<String> injected, Instant detectedIn, Set<String> found,
                   Set<String> detectors) {

        boolean detected() {
            return detectedIn != null;
        }
    }

    /**
     * The demo's outcome, as printed at the end.
     *
     * @param largestWindow the most predictions a window of the monitored model held (the drift detector tests a
     *                      window only from {@code minWindowSamples} on)
     */
    record Summary(long predictions, long labels, Instant simulatedEnd, long ingested, long deadLetters, int metricWindows,
                   int driftReports, int alertsFiring, int alertsResolved, int triggers, Set<String> falseAlarms,
                   List<Finding> findings, long largestWindow, long minWindowSamples, Estimation estimation) {

        Finding finding(String kind) {
            return findings.stream().filter(f -> f.kind().equals(kind)).findFirst().orElseThrow();
        }
    }

    /**
     * When the accuracy alerts first fired.
     *
     * @param estimatedIn    end of the window whose estimated accuracy fired its alert when it closed, or null
     * @param labelsThen     the label coverage of that window when it closed
     * @param realisedIn     end of the window whose realised accuracy fired its alert once its labels were final, or null
     * @param estimatedFirst whether the estimated alert arrived before the realised one
     */
    record Estimation(Instant estimatedIn, Double labelsThen, Instant realisedIn, boolean estimatedFirst) {
    }

    private final PrintWriter out;
    private final Instant start;
    private final Instant dataDriftAt;
    private final Instant dataDriftEnds;
    private final Set<String> driftedFeatures = new TreeSet<>();
    private final Instant conceptAt;
    private final String conceptSegment;
    private final String conceptModel;
    private Instant dataDetected;
    private final Set<String> dataFound = new TreeSet<>();
    private final Set<String> dataDetectors = new TreeSet<>();
    private final Set<String> falseAlarms = new TreeSet<>();
    private Instant conceptDetected;
    private final Set<String> conceptFound = new TreeSet<>();
    private final long minWindowSamples;
    private int metricWindows;
    private long largestWindow;
    private int driftReports;
    private int alertsFiring;
    private int alertsResolved;
    private int triggers;
    /** Output records read so far, of every kind. */
    private long received;
    /** The classifier's label coverage per window end, when the window closed. */
    private final Map<Instant, Double> closedCoverage = new HashMap<>();
    private Instant estimatedAlertIn;
    private Instant realisedAlertIn;
    private boolean estimatedBeforeRealised;

    /**
     * @param scenario         the demo's story: a data-drift phase, then a concept-drift phase (which may keep the
     *                         data drift: it lasts until a phase changes no feature)
     * @param minWindowSamples the drift detector's minimum window for {@code conceptModel}, for the summary's reasons
     */
    DemoStory(PrintWriter out, Instant start, Scenario scenario, String conceptModel, long minWindowSamples) {
        this.out = out;
        this.minWindowSamples = minWindowSamples;
        this.start = start;
        Scenario.Phase data = scenario.phases().stream().filter(DemoStory::changesFeatures).findFirst().orElseThrow();
        Scenario.Phase concept = scenario.phases().stream().filter(p -> p.concept() != null).findFirst().orElseThrow();
        dataDriftAt = start.plus(data.at());
        dataDriftEnds = scenario.phases().stream().filter(p -> p.at().compareTo(data.at()) > 0 && !changesFeatures(p))
                .findFirst().map(p -> start.plus(p.at())).orElse(Instant.MAX);
        driftedFeatures.addAll(data.numeric().keySet());
        driftedFeatures.addAll(data.categorical().keySet());
        conceptAt = start.plus(concept.at());
        conceptSegment = concept.concept().segmentKey() + "=" + concept.concept().segmentValue();
        this.conceptModel = conceptModel;
    }

    private static boolean changesFeatures(Scenario.Phase phase) {
        return !phase.numeric().isEmpty() || !phase.categorical().isEmpty();
    }

    /** Prints and checks one output record; called from the one thread reading the outputs. */
    synchronized void accept(Object record) {
        received++;
        if (record instanceof MetricSnapshot s) {
            if (!SnapshotSeries.BASE.equals(s.getHorizon()) || !SnapshotSeries.ALL_SEGMENTS.equals(s.getSegment())
                    || s.getRevision() != 0 || s.getProvisional()) {
                return; // the live log shows each window once, when it closes
            }
            metricWindows++;
            if (s.getModelId().equals(conceptModel)) {
                largestWindow = Math.max(largestWindow, s.getPredictionCount());
                closedCoverage.put(s.getWindowEnd(), s.getLabelCoverage());
            }
        } else if (record instanceof DriftReport r) {
            driftReports++;
            check(r);
        } else if (record instanceof Alert a) {
            if (a.getState() == AlertState.FIRING && a.getNotification() == 1) {
                alertsFiring++;
                checkAccuracy(a);
            } else if (a.getState() == AlertState.RESOLVED) {
                alertsResolved++;
            }
        } else if (record instanceof RetrainingTrigger) {
            triggers++;
        } else {
            return;
        }
        out.println("  " + OutputLines.of(record));
        out.flush();
    }

    /** The first firing of each accuracy alert; the estimated one fired by a clean window is a false alarm. */
    private void checkAccuracy(Alert a) {
        if (a.getEvidence().isEmpty()) {
            return;
        }
        Instant windowEnd = a.getEvidence().get(0).getWindowEnd();
        if (a.getRuleId().equals(ESTIMATED_RULE)) {
            if (!windowEnd.isAfter(dataDriftAt)) {
                falseAlarms.add("estimated accuracy low in " + a.getModelId() + " (window ending " + OutputLines.clock(windowEnd) + ")");
            } else if (estimatedAlertIn == null) {
                estimatedAlertIn = windowEnd;
            }
        } else if (a.getRuleId().equals(REALISED_RULE) && realisedAlertIn == null) {
            realisedAlertIn = windowEnd;
            estimatedBeforeRealised = estimatedAlertIn != null;
        }
    }

    private void check(DriftReport r) {
        Instant from = r.getWindowStart();
        Instant to = r.getWindowEnd();
        String where = " in " + r.getModelId() + " (window ending " + OutputLines.clock(to) + ")";
        for (FeatureDrift f : r.getFeatures()) {
            if (!f.getDrifted()) {
                continue;
            }
            boolean during = to.isAfter(dataDriftAt) && from.isBefore(dataDriftEnds);
            if (!during || !driftedFeatures.contains(f.getFeature())) {
                falseAlarms.add("feature " + f.getFeature() + where);
            } else {
                dataFound.add(f.getFeature());
                dataDetected = dataDetected == null ? to : dataDetected;
            }
        }
        for (ConceptDriftStatus c : r.getConceptDrift()) {
            if (c.getState() != DetectorState.DRIFT) {
                continue;
            }
            // When the detector raised it: the label time of the error that did (the report may come later).
            Instant at = c.getLastDriftTime() == null ? to : c.getLastDriftTime();
            if (r.getModelId().equals(conceptModel) && !at.isBefore(conceptAt)) {
                conceptFound.add(c.getDetector());
                conceptDetected = conceptDetected == null ? to : conceptDetected;
            } else if (r.getModelId().equals(conceptModel) && !at.isBefore(dataDriftAt)) {
                dataDetectors.add(c.getDetector()); // the input shift lowered the accuracy: the error rate rose
            } else {
                falseAlarms.add("concept drift by " + c.getDetector() + where);
            }
        }
    }

    synchronized Summary summary(long predictions, long labels, Instant simulatedEnd, long ingested, long deadLetters) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("data drift", dataDriftAt, Set.copyOf(driftedFeatures), dataDetected, Set.copyOf(dataFound),
                Set.copyOf(dataDetectors)));
        findings.add(new Finding("concept drift", conceptAt, Set.of(conceptSegment), conceptDetected, Set.copyOf(conceptFound),
                Set.of()));
        boolean estimatedFirst = estimatedAlertIn != null && (realisedAlertIn == null || estimatedBeforeRealised);
        return new Summary(predictions, labels, simulatedEnd, ingested, deadLetters, metricWindows, driftReports, alertsFiring,
                alertsResolved, triggers, Set.copyOf(falseAlarms), findings, largestWindow, minWindowSamples,
                new Estimation(estimatedAlertIn, estimatedAlertIn == null ? null : closedCoverage.get(estimatedAlertIn),
                        realisedAlertIn, estimatedFirst));
    }

    /** Output records read so far, of every kind. */
    synchronized long received() {
        return received;
    }

    /** Whether both injections have been found. */
    synchronized boolean complete() {
        return dataDetected != null && conceptDetected != null;
    }

    /** A data drift no window could show: too few predictions in each to test (e.g. at --rate 1). */
    private static String whyUndetected(Finding f, Summary s) {
        if (!f.kind().equals("data drift") || s.largestWindow() >= s.minWindowSamples()) {
            return "";
        }
        return String.format(" — no window was large enough to test: the largest held %,d predictions, the drift detector "
                + "needs %,d (drift.min-window-samples); raise --rate or --duration", s.largestWindow(), s.minWindowSamples());
    }

    void print(Summary s) {
        out.println();
        out.println("Summary");
        out.printf("  published %,d predictions and %,d labels (shop time %s–%s)%n", s.predictions(), s.labels(),
                OutputLines.clock(start), OutputLines.clock(s.simulatedEnd()));
        out.printf("  ingest processed %,d of them; %,d went to the dead-letter topic%n", s.ingested(), s.deadLetters());
        out.printf("  read %d metric windows and %d drift reports; alerts: %d fired, %d resolved; retraining triggers: %d%n",
                s.metricWindows(), s.driftReports(), s.alertsFiring(), s.alertsResolved(), s.triggers());
        for (Finding f : s.findings()) {
            out.printf("  injected %s at %s in %s → %s%n", f.kind(), OutputLines.clock(f.injectedAt()),
                    String.join(", ", new TreeSet<>(f.injected())), !f.detected() ? "NOT DETECTED" + whyUndetected(f, s)
                            : "detected in the window ending " + OutputLines.clock(f.detectedIn()) + " ("
                            + (f.kind().equals("data drift") ? "features flagged: " : "detectors: ") + String.join(", ", new TreeSet<>(f.found()))
                            + (f.detectors().isEmpty() ? "" : "; the error-stream detectors saw the accuracy drop it caused: "
                                    + String.join(", ", new TreeSet<>(f.detectors())))
                            + ")");
        }
        Estimation e = s.estimation();
        out.printf("  estimated accuracy: %s%n", e.estimatedIn() == null ? "never below its reference band"
                : String.format("below its reference band in the window ending %s, when it closed (labels then %.0f %%)%s",
                        OutputLines.clock(e.estimatedIn()), e.labelsThen() == null ? 0 : 100 * e.labelsThen(),
                        e.realisedIn() == null ? "; the realised accuracy never fell below its threshold"
                                : String.format("; the realised-accuracy alert %s for the window ending %s, once its labels were final",
                                        e.estimatedFirst() ? "followed" : "came first", OutputLines.clock(e.realisedIn()))));
        out.printf("  false alarms (drift reported where none was injected): %s%n",
                s.falseAlarms().isEmpty() ? "none" : String.join("; ", s.falseAlarms()));
        out.flush();
    }
}
