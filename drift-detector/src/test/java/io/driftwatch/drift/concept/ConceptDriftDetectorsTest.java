package io.driftwatch.drift.concept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each detector against a second implementation written in Python from the same papers:
 * {@code /usr/bin/python3 drift-detector/src/test/resources/concept_refs.py} writes the error
 * stream (10 % errors for 4 000 samples, then 30 %) to concept_stream.txt and prints the sample
 * indices of every DRIFT and the number of WARNING samples, which must match exactly.
 */
class ConceptDriftDetectorsTest {

    private static final int CHANGE_AT = 4_000;

    private record Run(List<Integer> drifts, int warnings) {
    }

    private static Run run(ConceptDriftDetector detector) throws IOException {
        List<Integer> drifts = new ArrayList<>();
        int warnings = 0;
        String stream = stream();
        for (int i = 0; i < stream.length(); i++) {
            DriftLevel level = detector.update(stream.charAt(i) == '1' ? 1.0 : 0.0);
            if (level == DriftLevel.DRIFT) {
                drifts.add(i);
            } else if (level == DriftLevel.WARNING) {
                warnings++;
            }
        }
        return new Run(drifts, warnings);
    }

    private static String stream() throws IOException {
        try (InputStream in = ConceptDriftDetectorsTest.class.getResourceAsStream("/concept_stream.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    @Test
    void ddmShouldMatchTheReference() throws IOException {
        // python: ddm drifts [4345] warnings 1593
        assertThat(run(new DdmDetector())).isEqualTo(new Run(List.of(4345), 1593));
    }

    @Test
    void pageHinkleyShouldMatchTheReference() throws IOException {
        // python: page_hinkley drifts [4406] warnings 146
        assertThat(run(new PageHinkleyDetector())).isEqualTo(new Run(List.of(4406), 146));
    }

    @Test
    void eddmShouldMatchTheReference() throws IOException {
        // python: eddm drifts [570, 937, 4317, 4459, 4688, 4913, 5050] warnings 1125
        assertThat(run(new EddmDetector())).isEqualTo(new Run(List.of(570, 937, 4317, 4459, 4688, 4913, 5050), 1125));
    }

    @Test
    void hddmAverageShouldMatchTheReference() throws IOException {
        // python: hddm_a drifts [4200] warnings 19
        assertThat(run(new HddmAverageDetector())).isEqualTo(new Run(List.of(4200), 19));
    }

    @Test
    void adwinShouldMatchTheReference() throws IOException {
        // python: adwin drifts [4104] warnings 285
        assertThat(run(new AdwinDetector())).isEqualTo(new Run(List.of(4104), 285));
    }

    @Test
    void adwinCheckingEvery32ValuesShouldFindTheChangeAtTheSameSampleAsCheckingEveryValue() throws IOException {
        // python: adwin_every_value drifts [4104] warnings 336 (more WARNINGs: every value is checked)
        assertThat(run(new AdwinDetector(0.001, 0.01, 5, 1))).isEqualTo(new Run(List.of(4104), 336));
    }

    @Test
    void adwinShouldSignalOneChangeOnceWhileItsWindowShedsTheOldConcept() throws IOException {
        // python: adwin_paper_delta_every_value drifts [4102] warnings 285; without folding, the
        // cuts that followed were signalled at 4103, 4104, 4109, 4134, 4148 and 4371.
        assertThat(run(new AdwinDetector(0.002, 0.01, 5, 1))).isEqualTo(new Run(List.of(4102), 285));
    }

    @Test
    void stateWrittenInTheFirstFormatShouldResume() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(DetectorCodec.PAGE_HINKLEY);
            out.writeByte(1);
            for (double parameter : new double[] {0.005, 50, 0.9999}) {
                out.writeDouble(parameter);
            }
            out.writeLong(30);
            out.writeDouble(0.5);
            out.writeLong(1_000); // samples, mean, faded sum, and the minimum format 2 dropped
            out.writeDouble(0.1);
            out.writeDouble(-12.5);
            out.writeDouble(-20);
        }
        ConceptDriftDetector pageHinkley = ConceptDriftDetector.fromBytes(bytes.toByteArray());
        assertThat(pageHinkley.samples()).isEqualTo(1_000);
        assertThat(pageHinkley.update(0)).isEqualTo(DriftLevel.STABLE);

        bytes.reset();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(DetectorCodec.ADWIN);
            out.writeByte(1);
            out.writeDouble(0.002);
            out.writeDouble(0.01);
            out.writeInt(5);
            out.writeLong(3); // window: 3 samples, sum 1, m2 of {1, 0, 0}
            out.writeDouble(1);
            out.writeDouble(2.0 / 3);
            out.writeInt(2);
            out.writeLong(2);
            out.writeDouble(1);
            out.writeDouble(0.5);
            out.writeLong(1);
            out.writeDouble(0);
            out.writeDouble(0);
        }
        AdwinDetector adwin = (AdwinDetector) ConceptDriftDetector.fromBytes(bytes.toByteArray());
        assertThat(adwin.samples()).isEqualTo(3);
        assertThat(adwin.mean()).isEqualTo(1.0 / 3);
        adwin.update(1);
        assertThat(adwin.mean()).isEqualTo(0.5);
    }

    @Test
    void adwinShouldShrinkItsWindowToTheNewConcept() throws IOException {
        AdwinDetector adwin = new AdwinDetector();
        String stream = stream();
        for (int i = 0; i < stream.length(); i++) {
            adwin.update(stream.charAt(i) == '1' ? 1.0 : 0.0);
        }
        // Whole buckets are dropped, so a bucket straddling the change may keep a few old samples.
        assertThat(adwin.samples()).as("the old concept is dropped").isBetween(8_000L - CHANGE_AT - 512, 8_000L - CHANGE_AT + 512);
        assertThat(adwin.mean()).isBetween(0.25, 0.35);
    }

    @Test
    void everyDetectorShouldSignalTheAbruptChangeAfterItHappens() throws IOException {
        List<Supplier<ConceptDriftDetector>> detectors = List.of(DdmDetector::new, PageHinkleyDetector::new,
                EddmDetector::new, HddmAverageDetector::new, AdwinDetector::new);
        for (Supplier<ConceptDriftDetector> detector : detectors) {
            List<Integer> drifts = run(detector.get()).drifts();
            assertThat(drifts).as(detector.get().getClass().getSimpleName())
                    .anyMatch(i -> i >= CHANGE_AT && i < CHANGE_AT + 500);
        }
    }

    @Test
    void aDetectorRestoredFromItsBytesShouldContinueExactlyAsAnUninterruptedOne() throws IOException {
        String stream = stream();
        List<Supplier<ConceptDriftDetector>> detectors = List.of(DdmDetector::new, PageHinkleyDetector::new,
                EddmDetector::new, HddmAverageDetector::new, AdwinDetector::new);
        for (Supplier<ConceptDriftDetector> kind : detectors) {
            List<DriftLevel> uninterrupted = levels(kind.get(), stream, 0, stream.length());
            for (int restartAt : List.of(17, 1_000, 4_050, 4_200)) {
                ConceptDriftDetector first = kind.get();
                List<DriftLevel> resumed = new ArrayList<>(levels(first, stream, 0, restartAt));
                ConceptDriftDetector restored = ConceptDriftDetector.fromBytes(first.toBytes());
                assertThat(restored).isInstanceOf(first.getClass());
                assertThat(restored.samples()).isEqualTo(first.samples());
                resumed.addAll(levels(restored, stream, restartAt, stream.length()));
                assertThat(resumed).as("%s restarted at %d", first.getClass().getSimpleName(), restartAt)
                        .isEqualTo(uninterrupted);
            }
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotADetector() {
        assertThatThrownBy(() -> ConceptDriftDetector.fromBytes(new byte[]{99, 1})).hasMessageContaining("unknown detector kind 99");
        assertThatThrownBy(() -> ConceptDriftDetector.fromBytes(new byte[]{1, 7})).hasMessageContaining("unknown format 7");
        assertThatThrownBy(() -> ConceptDriftDetector.fromBytes(new byte[]{1, 1, 0})).hasMessageContaining("truncated");
    }

    private static List<DriftLevel> levels(ConceptDriftDetector detector, String stream, int from, int to) {
        List<DriftLevel> levels = new ArrayList<>();
        for (int i = from; i < to; i++) {
            levels.add(detector.update(stream.charAt(i) == '1' ? 1.0 : 0.0));
        }
        return levels;
    }

    @Test
    void ddmShouldStartAfreshAfterADrift() {
        DdmDetector ddm = new DdmDetector();
        for (int i = 0; i < 100; i++) {
            ddm.update(i % 10 == 0 ? 1 : 0);
        }
        DriftLevel level = DriftLevel.STABLE;
        while (level != DriftLevel.DRIFT) {
            level = ddm.update(1);
        }
        assertThat(ddm.samples()).isZero();
        assertThat(ddm.update(1)).as("fewer than 30 samples since the reset").isEqualTo(DriftLevel.STABLE);
    }

    @Test
    void shouldRejectParametersThatMakeNoSense() {
        assertThatThrownBy(() -> new DdmDetector(3, 2, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EddmDetector(0.9, 0.95, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageHinkleyDetector(0.005, 0, 0.9999, 30, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HddmAverageDetector(0.01, 0.005)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdwinDetector(0.002, 0.01, 1, 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
