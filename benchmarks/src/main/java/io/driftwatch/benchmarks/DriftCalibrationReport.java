package io.driftwatch.benchmarks;

import io.driftwatch.drift.data.DriftSimulation;
import io.driftwatch.drift.data.DriftThresholds;
import io.driftwatch.drift.data.WindowVerdict;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import io.driftwatch.schemas.sketch.KllSketch;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How the data-drift decisions hold their nominal false-alarm rate at every window size, and
 * their power, on {@link DriftSimulation}'s seeded windows (statistics from sketches exactly as in
 * production). Prints Markdown tables for docs/drift.md; {@code CalibrationTest} runs the same at
 * CI size.
 */
@Command(name = "drift-calibration-report", mixinStandardHelpOptions = true,
        description = "False-alarm rate and power of the data-drift decisions by window size.")
public final class DriftCalibrationReport implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "200,1000,2000,5000,20000,100000",
            description = "Window sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--windows", defaultValue = "200", description = "Windows per size (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--numeric", defaultValue = "20", description = "Standard-normal features (default: ${DEFAULT-VALUE}).")
    int numeric;

    @Option(names = "--categorical", defaultValue = "5", description = "Categorical features (default: ${DEFAULT-VALUE}).")
    int categorical;

    @Option(names = "--reference-rows", defaultValue = "20000", description = "Reference rows (default: ${DEFAULT-VALUE}).")
    int referenceRows;

    @Option(names = "--partitions", defaultValue = "4", description = "Partition sketches merged per window (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DriftCalibrationReport()).execute(args));
    }

    @Override
    public Integer call() {
        TrustedAvroPackages.trustEvents();
        DriftSimulation simulation = new DriftSimulation(seed, numeric, categorical, referenceRows, partitions);
        System.out.printf("Reference: %,d rows, %d standard-normal and %d categorical features (shares %s); "
                        + "windows sketched in %d partitions (k = %d) and merged; α = 0.05; %d windows per size.%n%n",
                referenceRows, numeric, categorical, Arrays.toString(DriftSimulation.CATEGORY_SHARES), partitions,
                KllSketch.DEFAULT_K, windows);
        falseAlarmTable(simulation);
        System.out.println();
        powerTable(simulation);
        return 0;
    }

    /** Per-feature false-alarm rate of each method uncorrected, and the defaults' dataset-drift rate. */
    private void falseAlarmTable(DriftSimulation simulation) {
        DriftThresholds noMinimum = new DriftThresholds(0.05, 1_000, 0, 0, 0);
        System.out.println("Stationary windows: share of feature verdicts at p ≤ α (each method alone, no correction, "
                + "no minimum effect), and of windows called dataset drift with the defaults.");
        System.out.println();
        System.out.println("| window | KS | Wasserstein | PSI (numeric) | JS (numeric) | chi-square | PSI (categorical) "
                + "| JS (categorical) | dataset drift (defaults) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            long[] alarms = new long[DriftSimulation.NUMERIC_METHODS.size() + DriftSimulation.CATEGORICAL_METHODS.size()];
            int datasetAlarms = 0;
            for (int w = 0; w < windows; w++) {
                DriftSimulation.Window window = simulation.window(size, 0, 0);
                int[] flagged = window.alarms(noMinimum);
                for (int m = 0; m < alarms.length; m++) {
                    alarms[m] += flagged[m];
                }
                datasetAlarms += window.defaults().datasetDrift() ? 1 : 0;
            }
            StringBuilder row = new StringBuilder(String.format("| %,d |", size));
            for (int m = 0; m < alarms.length; m++) {
                double verdicts = (double) windows * (m < DriftSimulation.NUMERIC_METHODS.size() ? numeric : categorical);
                row.append(String.format(" %.3f |", alarms[m] / verdicts));
            }
            row.append(String.format(" %.3f |", datasetAlarms / (double) windows));
            System.out.println(row);
            System.out.flush();
        }
    }

    /** Share of windows in which the defaults flag the changed feature. */
    private void powerTable(DriftSimulation simulation) {
        System.out.println("Power with the defaults (Benjamini–Hochberg over the features, minimum effects): share of "
                + "windows that flag the changed feature.");
        System.out.println();
        System.out.println("| window | 0.25 σ mean shift | 0.5 σ mean shift | a category's share +5 points |");
        System.out.println("|---:|---:|---:|---:|");
        for (int size : sizes) {
            int[] caught = new int[3];
            for (int w = 0; w < windows; w++) {
                caught[0] += simulation.window(size, 0.25, 0).defaults().features().get(0).drifted() ? 1 : 0;
                caught[1] += simulation.window(size, 0.5, 0).defaults().features().get(0).drifted() ? 1 : 0;
                WindowVerdict moved = simulation.window(size, 0, 0.05).defaults();
                caught[2] += moved.features().get(simulation.numeric()).drifted() ? 1 : 0;
            }
            System.out.printf("| %,d | %.3f | %.3f | %.3f |%n", size, caught[0] / (double) windows,
                    caught[1] / (double) windows, caught[2] / (double) windows);
            System.out.flush();
        }
    }
}
