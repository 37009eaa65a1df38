package io.driftwatch.schemas.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Checks the byte format against Apache DataSketches itself. DataSketches 6.2 (test scope only)
 * refuses to start on Java 22+, so this runs on 17 and 21; the golden bytes in KllSketchTest
 * cover every JDK.
 */
@EnabledForJreRange(max = JRE.JAVA_21)
class DataSketchesInteropTest {

    private static final double[] RANKS = {0.05, 0.2, 0.5, 0.8, 0.95};

    @Test
    void shouldWriteTheSameBytesAsDataSketchesWhileExact() {
        for (int n : new int[] {0, 1, 2, 3, 150, 200}) {
            KllSketch ours = new KllSketch();
            KllDoublesSketch theirs = KllDoublesSketch.newHeapInstance(200);
            Random random = new Random(n);
            for (int i = 0; i < n; i++) {
                double value = random.nextGaussian();
                ours.update(value);
                theirs.update(value);
            }
            assertThat(ours.toByteArray()).as("n = %d", n).isEqualTo(theirs.toByteArray());
        }
    }

    @Test
    void shouldBeReadByDataSketchesWithTheSameAnswers() {
        KllSketch ours = new KllSketch();
        KllSketch other = new KllSketch();
        new Random(5).doubles(300_000).forEach(ours::update);
        new Random(6).doubles(70_000).map(v -> v * 3).forEach(other::update);
        ours.merge(other);

        KllDoublesSketch theirs = KllDoublesSketch.heapify(Memory.wrap(ours.toByteArray()));

        assertThat(theirs.getN()).isEqualTo(ours.getN());
        assertThat(theirs.getNumRetained()).isEqualTo(ours.getNumRetained());
        assertThat(theirs.getMinItem()).isEqualTo(ours.getMinItem());
        assertThat(theirs.getMaxItem()).isEqualTo(ours.getMaxItem());
        assertThat(theirs.getQuantiles(RANKS)).containsExactly(ours.getQuantiles(RANKS));
        assertThat(theirs.getRank(0.5)).isEqualTo(ours.getRank(0.5));
    }

    @Test
    void shouldReadWhatDataSketchesCompactedWithTheSameAnswers() {
        KllDoublesSketch theirs = KllDoublesSketch.newHeapInstance(200);
        new Random(9).doubles(250_000).map(v -> v * v).forEach(theirs::update);
        KllDoublesSketch theirPart = KllDoublesSketch.newHeapInstance(200);
        new Random(10).doubles(40_000).forEach(theirPart::update);
        theirs.merge(theirPart);

        KllSketch ours = KllSketch.fromBytes(theirs.toByteArray());

        assertThat(ours.getN()).isEqualTo(theirs.getN());
        assertThat(ours.getQuantiles(RANKS)).containsExactly(theirs.getQuantiles(RANKS));
        assertThat(ours.getRank(0.3)).isEqualTo(theirs.getRank(0.3));
        assertThat(ours.getNumRetained()).isEqualTo(theirs.getNumRetained());
    }
}
