package io.driftwatch.schemas.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KllSketchTest {

    private static final double[] RANKS = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};

    @Test
    void shouldAnswerExactInvertedCdfQuantilesBeforeItCompacts() {
        double[] values = new Random(1).doubles(150, -5, 5).toArray();
        KllSketch sketch = new KllSketch();
        Arrays.stream(values).forEach(sketch::update);
        double[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(sketch.isExact()).isTrue();
        for (double rank : RANKS) {
            // The inverted-CDF quantile (numpy's method='inverted_cdf'): the ceil(rank·n)-th smallest.
            assertThat(sketch.getQuantile(rank)).isEqualTo(sorted[(int) Math.ceil(rank * sorted.length) - 1]);
        }
        assertThat(sketch.getQuantile(0)).isEqualTo(sorted[0]);
        assertThat(sketch.getQuantile(1)).isEqualTo(sorted[sorted.length - 1]);
        assertThat(sketch.getRank(sorted[37])).isEqualTo(38.0 / 150);
        assertThat(sketch.getCDF(new double[] {sorted[9], sorted[99]})).containsExactly(10.0 / 150, 100.0 / 150, 1.0);
    }

    @Test
    void shouldStayWithinTheNormalisedRankErrorOnAMillionValues() {
        KllSketch sketch = new KllSketch();
        double[] values = new Random(7).doubles(1_000_000).map(u -> Math.exp(3 * u)).toArray();
        Arrays.stream(values).forEach(sketch::update);

        assertThat(sketch.isExact()).isFalse();
        assertThat(sketch.getNumRetained()).isLessThan(KllSketch.totalCapacity(KllSketch.DEFAULT_K, sketch.numLevels()) + 1);
        assertRanksWithinError(sketch, values);
        assertThat(sketch.sortedView().cumulativeWeights()).endsWith(1_000_000L);
    }

    /**
     * The compaction's coin is a hash of the count, not a random generator: the same values give
     * the same bytes; and on sorted input, where a fixed offset would push every rank one way, the
     * error stays within the bound.
     */
    @Test
    void shouldBuildTheSameSketchFromTheSameValuesAndStayUnbiasedOnSortedInput() {
        double[] values = new Random(5).doubles(300_000).toArray();
        KllSketch first = new KllSketch();
        KllSketch second = new KllSketch();
        Arrays.stream(values).forEach(first::update);
        Arrays.stream(values).forEach(second::update);
        assertThat(first.isExact()).isFalse();
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());

        double[] sorted = values.clone();
        Arrays.sort(sorted);
        KllSketch ascending = new KllSketch();
        Arrays.stream(sorted).forEach(ascending::update);
        assertRanksWithinError(ascending, sorted);
    }

    @Test
    void shouldMergePartialsIntoOneSketchWithinTheSameError() {
        Random random = new Random(11);
        double[] values = random.doubles(800_000).map(u -> random.nextGaussian() + (u < 0.3 ? 4 : 0)).toArray();
        KllSketch merged = new KllSketch();
        for (int part = 0; part < 8; part++) {
            KllSketch partial = new KllSketch();
            for (int i = part; i < values.length; i += 8) {
                partial.update(values[i]);
            }
            merged.merge(KllSketch.fromBytes(partial.toByteArray()));
        }

        assertThat(merged.getN()).isEqualTo(values.length);
        assertThat(merged.getMinItem()).isEqualTo(Arrays.stream(values).min().orElseThrow());
        assertThat(merged.getMaxItem()).isEqualTo(Arrays.stream(values).max().orElseThrow());
        assertRanksWithinError(merged, values);
    }

    @Test
    void shouldReadBackExactlyWhatItWrote() {
        KllSketch sketch = new KllSketch();
        new Random(3).doubles(20_000).forEach(sketch::update);

        byte[] bytes = sketch.toByteArray();
        KllSketch read = KllSketch.fromBytes(bytes);

        assertThat(read.toByteArray()).isEqualTo(bytes);
        assertThat(read.getQuantiles(RANKS)).containsExactly(sketch.getQuantiles(RANKS));
        assertThat(KllSketch.fromBytes(new KllSketch().toByteArray()).isEmpty()).isTrue();
        KllSketch one = new KllSketch();
        one.update(2.5);
        assertThat(KllSketch.fromBytes(one.toByteArray()).getQuantile(0.5)).isEqualTo(2.5);
    }

    /**
     * Bytes that DataSketches 7.0.1 (the library earlier versions used, on Java 17) wrote, and its
     * answers, printed by the same program:
     * {@code KllDoublesSketch s = KllDoublesSketch.newHeapInstance(200); Random r = new Random(42);
     * 100 000 × s.update(r.nextGaussian() * 10 + 50); s.toByteArray(); s.getQuantiles(RANKS); s.getRank(40|50|60)}.
     * This test runs on every JDK of the CI matrix, so the bytes are read on each.
     */
    @Test
    void shouldReadWhatDataSketchesWroteOnAnyJdk() throws IOException {
        KllSketch sketch = KllSketch.fromBytes(resource("/sketch/kll-datasketches-7.bin"));

        assertThat(sketch.getN()).isEqualTo(100_000);
        assertThat(sketch.getNumRetained()).isEqualTo(582);
        assertThat(sketch.getMinItem()).isEqualTo(3.312348733607479);
        assertThat(sketch.getMaxItem()).isEqualTo(94.25167112015217);
        assertThat(sketch.getQuantiles(RANKS)).containsExactly(26.32879174916126, 36.940655572987964,
                43.24776792556516, 49.95656650693475, 56.6731715702815, 62.83844438317879, 73.59537019864632);
        assertThat(sketch.getRank(40)).isEqualTo(0.16085);
        assertThat(sketch.getRank(50)).isEqualTo(0.50322);
        assertThat(sketch.getRank(60)).isEqualTo(0.8435);
        assertThat(sketch.toByteArray()).isEqualTo(resource("/sketch/kll-datasketches-7.bin"));
    }

    @Test
    void shouldRefuseBytesThatAreNotAKllSketchNamingWhy() throws IOException {
        byte[] good = resource("/sketch/kll-datasketches-7.bin");
        byte[] otherFamily = good.clone();
        otherFamily[2] = 7;
        byte[] wrongN = good.clone();
        wrongN[8]++;

        assertThatThrownBy(() -> KllSketch.fromBytes(new byte[3])).hasMessageContaining("fewer than the 8");
        assertThatThrownBy(() -> KllSketch.fromBytes(otherFamily)).hasMessageContaining("family 7");
        assertThatThrownBy(() -> KllSketch.fromBytes(Arrays.copyOf(good, good.length - 4))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> KllSketch.fromBytes(Arrays.copyOf(good, good.length - 8))).hasMessageContaining("weigh");
        assertThatThrownBy(() -> KllSketch.fromBytes(wrongN)).hasMessageContaining("weigh");
        assertThatThrownBy(() -> new KllSketch().getQuantile(0.5)).hasMessageContaining("empty");
    }

    @Test
    void shouldReportDataSketchesRankErrorForItsK() {
        // DataSketches' published figures for k = 200: 1.33 % for one rank, 1.65 % for a PMF.
        assertThat(new KllSketch().getNormalizedRankError(false)).isCloseTo(0.01329, within(1e-5));
        assertThat(new KllSketch().getNormalizedRankError(true)).isCloseTo(0.01652, within(1e-5));
    }

    private static void assertRanksWithinError(KllSketch sketch, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double epsilon = sketch.getNormalizedRankError(false);
        for (int percent = 1; percent < 100; percent++) {
            double trueQuantile = sorted[values.length * percent / 100];
            double trueRank = (double) upperBound(sorted, trueQuantile) / values.length;
            assertThat(sketch.getRank(trueQuantile)).as("rank at the %d%% quantile", percent)
                    .isCloseTo(trueRank, within(epsilon));
        }
    }

    private static int upperBound(double[] sorted, double x) {
        int index = Arrays.binarySearch(sorted, x);
        while (index + 1 < sorted.length && sorted[index + 1] == x) {
            index++;
        }
        return index + 1;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KllSketchTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
