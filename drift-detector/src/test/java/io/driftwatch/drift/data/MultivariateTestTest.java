package io.driftwatch.drift.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.drift.profile.JointMoments;
import io.driftwatch.drift.profile.ProfileBuilder;
import io.driftwatch.events.ProfileSource;
import io.driftwatch.events.ReferenceProfile;
import io.driftwatch.events.TaskType;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The multivariate drift test against scikit-learn on fixed data, and its false alarms and power
 * on seeded windows summarised as in production. Expected values:
 * {@code /usr/bin/python3 drift-detector/src/test/resources/multivariate_refs.py} (NumPy's
 * population covariance; StandardScaler and PCA fitted on the reference, 65 % of its variance).
 */
class MultivariateTestTest {

    private static final double[][] REFERENCE = {{1.004, 2.117, -0.686}, {-0.938, -0.792, -3.13}, {-0.038, 1.178, -1.642}, {0.201, 0.528, -1.669}, {-0.212, 0.828, -2.291}, {1.815, 2.895, -2.4}, {-0.264, 0.186, -3.875}, {0.356, 0.568, -2.317}, {-0.794, 0.545, -1.825}, {0.293, 0.855, -0.028}, {-0.462, 1.433, -4.255}, {1.689, 2.729, -2.287}, {0.153, 0.618, -3.407}, {2.852, 2.607, -1.351}, {0.83, 2.158, 2.774}, {-0.097, 1.346, -3.02}, {0.002, 0.459, -2.499}, {-0.821, 0.852, -2.455}, {-0.571, 0.429, -0.331}, {-0.577, 1.305, -2.956}, {-1.526, -0.634, 1.677}, {-0.27, 0.492, -2.546}, {0.195, 2.798, -3.275}, {0.338, 2.094, -3.328}, {-0.368, 0.268, -3.826}, {-0.048, -0.14, -3.004}, {-0.719, 0.7, -2.007}, {-1.031, 0.243, -2.945}, {0.078, 1.389, -2.32}, {-1.827, -1.417, -2.447}, {0.74, 1.992, -3.266}, {-0.507, -0.389, -2.527}, {1.404, 2.091, 1.109}, {-1.703, -0.332, -1.504}, {-0.415, 0.298, -2.245}, {1.219, 2.662, -1.531}, {2.234, 2.838, -0.987}, {-0.055, 1.394, -3.513}, {-0.529, 1.769, 1.439}, {-0.761, 0.688, -3.256}};
    private static final double[][] WINDOW = {{0.412, 1.971, -0.665}, {-1.568, 2.622, 0.232}, {0.217, 0.819, -0.07}, {0.94, 0.805, -1.631}, {-0.497, 1.522, -2.237}, {-0.227, 2.38, -0.389}, {-0.464, 1.16, -3.84}, {0.711, 0.105, -2.068}, {-0.79, 2.032, -3.64}, {-0.896, 2.323, -1.924}, {-0.189, 1.42, -1.395}, {1.625, -1.05, -2.954}, {0.756, 0.686, -0.986}, {-0.973, 0.685, -2.885}, {-0.824, 1.712, -2.805}, {0.616, 0.903, -1.751}, {1.007, -0.725, -2.665}, {-1.463, 1.39, -1.362}, {0.456, 0.618, -1.408}, {-1.39, 2.535, -2.599}, {-0.524, 1.163, -4.049}, {-0.565, 1.164, -2.812}, {-0.424, 1.982, -0.392}, {0.022, 0.664, -2.271}, {0.801, 0.162, -1.077}, {1.693, 0.876, -2.518}, {-0.356, 0.664, -0.492}, {-1.192, 2.997, -2.516}, {-1.057, 2.58, -1.539}, {0.192, 1.187, -0.867}};

    @BeforeAll
    static void trustEventClasses() {
        TrustedAvroPackages.trustEvents();
    }

    private static JointMoments moments(double[][] rows) {
        JointMoments moments = new JointMoments(List.of("x0", "x1", "x2"));
        for (double[] row : rows) {
            moments.add(row);
        }
        return moments;
    }

    @Test
    void jointMomentsShouldMatchNumpyAndMergeLikeOnePass() {
        // np.cov(ref, rowvar=False, bias=True)
        double[][] expected = {{1.0054995375, 0.8887997249999998, 0.2537497499999999},
                {0.8887997249999998, 1.1661875599999998, 0.262582235}, {0.2537497499999999, 0.262582235, 2.4528450599999996}};
        JointMoments whole = moments(REFERENCE);
        JointMoments halves = moments(Arrays.copyOfRange(REFERENCE, 0, 17));
        halves.merge(moments(Arrays.copyOfRange(REFERENCE, 17, REFERENCE.length)));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(whole.whole().covariance(i, j)).isCloseTo(expected[i][j], within(1e-12));
                assertThat(halves.whole().covariance(i, j)).isCloseTo(expected[i][j], within(1e-12));
            }
        }
        assertThat(whole.group(0).count()).as("rows go round-robin to ten groups").isEqualTo(4);
        assertThat(JointMoments.of(whole.toAvro()).group(3).covariance(0, 1)).isEqualTo(whole.group(3).covariance(0, 1));
    }

    @Test
    void ungroupedMomentsShouldTestAWindowAsGroupedOnesDoButFitNoReference() throws IOException {
        JointMoments ungrouped = JointMoments.ungrouped(List.of("x0", "x1", "x2"));
        for (double[] row : WINDOW) {
            ungrouped.add(row);
        }
        JointMoments grouped = moments(WINDOW);
        MultivariateTest test = MultivariateTest.fit(moments(REFERENCE), MultivariateTest.DEFAULT_VARIANCE_SHARE);
        assertThat(test.test(ungrouped, MultivariateTest.DEFAULT_ALPHA).error())
                .isCloseTo(test.test(grouped, MultivariateTest.DEFAULT_ALPHA).error(), within(1e-12));
        assertThat(MultivariateTest.fit(ungrouped, MultivariateTest.DEFAULT_VARIANCE_SHARE)).isNull();

        // Merged with a grouped summary (either way round), the rows stay in one group.
        JointMoments merged = moments(REFERENCE);
        merged.merge(ungrouped);
        JointMoments all = moments(REFERENCE);
        all.merge(grouped);
        assertThat(merged.grouped()).isFalse();
        assertThat(merged.count()).isEqualTo(REFERENCE.length + WINDOW.length);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(merged.whole().covariance(i, j)).isCloseTo(all.whole().covariance(i, j), within(1e-12));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ungrouped.write(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(ungrouped.encodedSize());
        JointMoments read = JointMoments.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.grouped()).isFalse();
        assertThat(read.whole().covariance(0, 2)).isEqualTo(ungrouped.whole().covariance(0, 2));
        assertThat(JointMoments.of(ungrouped.toAvro()).grouped()).isFalse();
    }

    @Test
    void reconstructionErrorsShouldMatchScikitLearn() {
        // fitted on the reference's rows i with i mod 10 in {0, 1}: components 1, reference error (the
        // other rows) 1.235521768382141, window error 1.6666546145357437
        MultivariateTest test = MultivariateTest.fit(moments(REFERENCE), MultivariateTest.DEFAULT_VARIANCE_SHARE);
        assertThat(test.components()).isEqualTo(1);
        assertThat(test.referenceError()).isCloseTo(1.235521768382141, within(1e-12));
        MultivariateTest.Verdict verdict = test.test(moments(WINDOW), MultivariateTest.DEFAULT_ALPHA);
        assertThat(verdict.error()).isCloseTo(1.6666546145357437, within(1e-12));
    }

    @Test
    void aCorrelationFlipWithUnchangedMarginalsShouldBeFlaggedAndStationaryWindowsRarely() {
        // Four references (a reference's own sampling sets its false-alarm rate; the target is the average).
        int windows = 50;
        int falseAlarms = 0;
        int caught = 0;
        for (int reference = 0; reference < 4; reference++) {
            SplittableRandom random = new SplittableRandom(5 + reference);
            MultivariateTest test = MultivariateTest.fit(JointMoments.of(profile(random, 20_000, 0.8).getNumericMoments()),
                    MultivariateTest.DEFAULT_VARIANCE_SHARE);
            for (int w = 0; w < windows; w++) {
                falseAlarms += verdict(test, profile(random, 2_000, 0.8)).drifted() ? 1 : 0;
                if (reference == 0) {
                    caught += verdict(test, profile(random, 2_000, -0.8)).drifted() ? 1 : 0;
                }
            }
        }
        System.out.printf("multivariate: stationary windows of 2000 flagged %d of %d, correlation flips %d of %d%n",
                falseAlarms, 4 * windows, caught, windows);
        assertThat(falseAlarms).as("≤ 1 %").isLessThanOrEqualTo(2);
        assertThat(caught).as("≥ 95 %").isGreaterThanOrEqualTo(48);
    }

    private static MultivariateTest.Verdict verdict(MultivariateTest test, ReferenceProfile window) {
        return test.test(JointMoments.of(window.getNumericMoments()), MultivariateTest.DEFAULT_ALPHA);
    }

    /** 20 standard-normal features, x0 and x1 with correlation rho, summarised by a ProfileBuilder. */
    static ReferenceProfile profile(SplittableRandom random, int rows, double rho) {
        ProfileBuilder builder = new ProfileBuilder("m", "1", ProfileSource.TRAINING_DATA, TaskType.REGRESSION, 10);
        for (int r = 0; r < rows; r++) {
            Map<String, Double> row = new HashMap<>();
            double a = gaussian(random);
            row.put("x0", a);
            row.put("x1", rho * a + Math.sqrt(1 - rho * rho) * gaussian(random));
            for (int f = 2; f < 20; f++) {
                row.put("x" + f, gaussian(random));
            }
            builder.add(row, Map.of(), null, null, null);
        }
        return builder.build(Instant.EPOCH);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
