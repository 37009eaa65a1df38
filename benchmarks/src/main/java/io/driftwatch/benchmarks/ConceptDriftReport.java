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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The concept-drift detectors' behaviour with their default parameters: false alarms on a
 * stationary Bernoulli error stream, and the delay to detect an abrupt rise of the error rate,
 * averaged over seeded runs. Prints a Markdown table for docs/drift.md.
 */
@Command(name = "concept-drift-report", mixinStandardHelpOptions = true,
        description = "False alarms and detection delays of the concept-drift detectors.")
public final class ConceptDriftReport implements Callable<Integer> {

    @Option(names = "--stationary-samples", defaultValue = "1000000", description = "Length of the stationary stream (default: ${DEFAULT-VALUE}).")
    int stationarySamples;

    @Option(names = "--error-rate", defaultValue = "0.1", description = "Error rate before the change (default: ${DEFAULT-VALUE}).")
    double before;

    @Option(names = "--changed-rate", defaultValue = "0.3", description = "Error rate after the change (default: ${DEFAULT-VALUE}).")
    double after;

    @Option(names = "--runs", defaultValue = "100", description = "Seeded runs of the change scenario (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    private static final int CHANGE_AT = 10_000;
    private static final int AFTER_CHANGE = 10_000;

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
        System.out.printf("| detector | false alarms in %,d samples at %.2f | detected %.2f → %.2f (of %d runs) "
                + "| median delay | mean delay | alarms before the change | ns per update |%n",
                stationarySamples, before, before, after, runs);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        detectors.forEach((name, detector) -> {
            SplittableRandom random = new SplittableRandom(seed);
            ConceptDriftDetector stationary = detector.get();
            long falseAlarms = 0;
            long start = System.nanoTime();
            for (int i = 0; i < stationarySamples; i++) {
                falseAlarms += stationary.update(random.nextDouble() < before ? 1 : 0) == DriftLevel.DRIFT ? 1 : 0;
            }
            double nanosPerUpdate = (System.nanoTime() - start) / (double) stationarySamples;
            int detected = 0;
            long earlyAlarms = 0;
            int[] delays = new int[runs];
            for (int run = 0; run < runs; run++) {
                ConceptDriftDetector changing = detector.get();
                int delay = -1;
                for (int i = 0; i < CHANGE_AT + AFTER_CHANGE && delay < 0; i++) {
                    boolean error = random.nextDouble() < (i < CHANGE_AT ? before : after);
                    if (changing.update(error ? 1 : 0) == DriftLevel.DRIFT) {
                        if (i < CHANGE_AT) {
                            earlyAlarms++;
                        } else {
                            delay = i - CHANGE_AT;
                        }
                    }
                }
                if (delay >= 0) {
                    delays[detected++] = delay;
                }
            }
            int[] found = Arrays.copyOf(delays, detected);
            Arrays.sort(found);
            System.out.printf("| %s | %,d | %d | %s | %s | %,d | %.0f |%n", name, falseAlarms, detected,
                    detected == 0 ? "—" : String.valueOf(found[detected / 2]),
                    detected == 0 ? "—" : String.format("%.0f", Arrays.stream(found).average().orElse(0)),
                    earlyAlarms, nanosPerUpdate);
        });
        return 0;
    }
}
