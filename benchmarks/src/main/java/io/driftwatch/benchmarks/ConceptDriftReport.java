package io.driftwatch.benchmarks;

import io.driftwatch.drift.concept.AdwinDetector;
import io.driftwatch.drift.concept.ConceptDriftDetector;
import io.driftwatch.drift.concept.DdmDetector;
import io.driftwatch.drift.concept.DriftLevel;
import io.driftwatch.drift.concept.EddmDetector;
import io.driftwatch.drift.concept.HddmAverageDetector;
import io.driftwatch.drift.concept.PageHinkleyDetector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The concept-drift detectors' behaviour with their default parameters, on seeded Bernoulli error
 * streams: false alarms per million samples on stationary streams at several error rates, and,
 * for abrupt rises of the error rate, how many runs detect the change, the delay, how many runs
 * alarm before it and how many DRIFTs one change produces. Prints Markdown tables for
 * docs/drift.md.
 */
@Command(name = "concept-drift-report", mixinStandardHelpOptions = true,
        description = "False alarms and detection delays of the concept-drift detectors.")
public final class ConceptDriftReport implements Callable<Integer> {

    @Option(names = "--stationary-samples", defaultValue = "1000000",
            description = "Length of each stationary stream (default: ${DEFAULT-VALUE}).")
    int stationarySamples;

    @Option(names = "--error-rates", split = ",", defaultValue = "0.05,0.1,0.2,0.3",
            description = "Error rates of the stationary streams (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--seeds", defaultValue = "10", description = "Stationary streams per error rate (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--changes", split = ",", defaultValue = "0.1:0.3,0.2:0.25",
            description = "Abrupt changes as before:after error rates (default: ${DEFAULT-VALUE}).")
    List<String> changes;

    @Option(names = "--runs", defaultValue = "100", description = "Seeded runs of each change (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--change-at", defaultValue = "10000", description = "Samples before the change (default: ${DEFAULT-VALUE}).")
    int changeAt;

    @Option(names = "--after-change", defaultValue = "20000", description = "Samples after the change (default: ${DEFAULT-VALUE}).")
    int afterChange;

    @Option(names = "--seed", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConceptDriftReport()).execute(args));
    }

    @Override
    public Integer call() {
        Map<String, Supplier<ConceptDriftDetector>> detectors = new LinkedHashMap<>();
        detectors.put("ADWIN", AdwinDetector::new);
        detectors.put("DDM", DdmDetector::new);
        detectors.put("EDDM", EddmDetector::new);
        detectors.put("Page-Hinkley", PageHinkleyDetector::new);
        detectors.put("HDDM-A", HddmAverageDetector::new);
        stationaryTable(detectors);
        System.out.println();
        changeTable(detectors);
        return 0;
    }

    private void stationaryTable(Map<String, Supplier<ConceptDriftDetector>> detectors) {
        StringBuilder header = new StringBuilder("| detector |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double rate : rates) {
            header.append(String.format(" DRIFT per M at %.2f |", rate));
            rule.append("---:|");
        }
        System.out.printf("Stationary streams: %d × %,d samples per error rate.%n%n%s%n%s%n",
                seeds, stationarySamples, header, rule);
        detectors.forEach((name, detector) -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (double rate : rates) {
                long alarms = 0;
                for (int s = 0; s < seeds; s++) {
                    SplittableRandom random = new SplittableRandom(seed + s);
                    ConceptDriftDetector d = detector.get();
                    for (int i = 0; i < stationarySamples; i++) {
                        alarms += d.update(random.nextDouble() < rate ? 1 : 0) == DriftLevel.DRIFT ? 1 : 0;
                    }
                }
                row.append(String.format(" %.2f |", alarms * 1e6 / ((double) seeds * stationarySamples)));
            }
            System.out.println(row);
            System.out.flush();
        });
    }

    private void changeTable(Map<String, Supplier<ConceptDriftDetector>> detectors) {
        System.out.printf("Abrupt changes: %,d samples at the first rate, then %,d at the second; %d runs each.%n%n",
                changeAt, afterChange, runs);
        System.out.println("| detector | change | detected | median delay | mean delay | runs with DRIFT before the change "
                + "| DRIFTs per detected change (mean, max) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String change : changes) {
            String[] rates = change.split(":");
            double before = Double.parseDouble(rates[0]);
            double after = Double.parseDouble(rates[1]);
            detectors.forEach((name, detector) -> changeRow(name, detector, before, after));
        }
    }

    private void changeRow(String name, Supplier<ConceptDriftDetector> detector, double before, double after) {
        int detected = 0;
        int earlyRuns = 0;
        long driftsAfter = 0;
        long mostDriftsAfter = 0;
        int[] delays = new int[runs];
        for (int run = 0; run < runs; run++) {
            SplittableRandom random = new SplittableRandom(seed + 1_000_000L + run);
            ConceptDriftDetector d = detector.get();
            boolean early = false;
            int delay = -1;
            long drifts = 0;
            for (int i = 0; i < changeAt + afterChange; i++) {
                boolean error = random.nextDouble() < (i < changeAt ? before : after);
                if (d.update(error ? 1 : 0) == DriftLevel.DRIFT) {
                    if (i < changeAt) {
                        early = true;
                    } else {
                        delay = delay < 0 ? i - changeAt : delay;
                        drifts++;
                    }
                }
            }
            earlyRuns += early ? 1 : 0;
            if (delay >= 0) {
                delays[detected++] = delay;
                driftsAfter += drifts;
                mostDriftsAfter = Math.max(mostDriftsAfter, drifts);
            }
        }
        int[] found = Arrays.copyOf(delays, detected);
        Arrays.sort(found);
        System.out.printf("| %s | %.2f → %.2f | %d | %s | %s | %d | %s |%n", name, before, after, detected,
                detected == 0 ? "—" : String.valueOf(found[detected / 2]),
                detected == 0 ? "—" : String.format("%.0f", Arrays.stream(found).average().orElse(0)),
                earlyRuns,
                detected == 0 ? "—" : String.format("%.2f, %d", driftsAfter / (double) detected, mostDriftsAfter));
        System.out.flush();
    }
}
