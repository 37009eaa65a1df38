package io.driftwatch.drift.concept;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The concept-drift detectors of one model version on its error stream, and what each concluded
 * since the last report: the highest level reached (so that a DRIFT followed by the detector's
 * fresh start is not reported as STABLE) and the sample index and event time where it last fired.
 */
public final class ModelDetectors {

    private static final byte FORMAT = 1;

    private final Map<String, Tracked> detectors;
    private long samples;

    private ModelDetectors(Map<String, Tracked> detectors, long samples) {
        this.detectors = detectors;
        this.samples = samples;
    }

    /** Fresh detectors, by report name. */
    public static ModelDetectors create(Map<String, Supplier<ConceptDriftDetector>> factories) {
        Map<String, Tracked> detectors = new LinkedHashMap<>();
        factories.forEach((name, factory) -> detectors.put(name, new Tracked(factory.get())));
        return new ModelDetectors(detectors, 0);
    }

    /** Feeds one error, observed at {@code eventTime}, to every detector. */
    public void update(double error, long eventTime) {
        samples++;
        for (Tracked tracked : detectors.values()) {
            DriftLevel level = tracked.detector.update(error);
            if (level.compareTo(tracked.highest) > 0) {
                tracked.highest = level;
            }
            if (level == DriftLevel.WARNING) {
                tracked.lastWarningSample = samples;
                tracked.lastWarningTime = eventTime;
            } else if (level == DriftLevel.DRIFT) {
                tracked.lastDriftSample = samples;
                tracked.lastDriftTime = eventTime;
                tracked.driftsSinceReport++;
            }
        }
    }

    /** Errors seen by this model version since its detectors were created. */
    public long samples() {
        return samples;
    }

    /**
     * Each detector's status since the last report, after which the highest level and the drift
     * count start again.
     */
    public List<DetectorStatus> report() {
        List<DetectorStatus> statuses = new ArrayList<>();
        detectors.forEach((name, t) -> {
            statuses.add(new DetectorStatus(name, t.highest, t.detector.samples(), samples, (int) t.driftsSinceReport,
                    t.lastWarningSample > 0 ? t.lastWarningSample : null, t.lastWarningSample > 0 ? t.lastWarningTime : null,
                    t.lastDriftSample > 0 ? t.lastDriftSample : null, t.lastDriftSample > 0 ? t.lastDriftTime : null));
            t.highest = DriftLevel.STABLE;
            t.driftsSinceReport = 0;
        });
        return statuses;
    }

    /**
     * What one detector concluded since the last report; aggregates only.
     *
     * @param observations      errors the detector has seen since it last reset
     * @param samplesTotal      errors the model version's detectors have seen since they were created
     * @param lastWarningSample {@code samplesTotal} when it last reached WARNING; null when it never has
     * @param lastWarningTime   the event time (epoch ms) of that error
     * @param lastDriftSample   {@code samplesTotal} when it last signalled DRIFT; null when it never has
     * @param lastDriftTime     the event time (epoch ms) of that error
     */
    public record DetectorStatus(String detector, DriftLevel level, long observations, long samplesTotal,
                                 int driftsSinceReport, Long lastWarningSample, Long lastWarningTime,
                                 Long lastDriftSample, Long lastDriftTime) {
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(samples);
            out.writeInt(detectors.size());
            for (Map.Entry<String, Tracked> e : detectors.entrySet()) {
                Tracked t = e.getValue();
                out.writeUTF(e.getKey());
                byte[] state = t.detector.toBytes();
                out.writeInt(state.length);
                out.write(state);
                out.writeByte(t.highest.ordinal());
                out.writeLong(t.lastWarningSample);
                out.writeLong(t.lastWarningTime);
                out.writeLong(t.lastDriftSample);
                out.writeLong(t.lastDriftTime);
                out.writeLong(t.driftsSinceReport);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ModelDetectors fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("model detectors in an unknown format");
            }
            long samples = in.readLong();
            int n = in.readInt();
            Map<String, Tracked> detectors = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] state = new byte[in.readInt()];
                in.readFully(state);
                Tracked t = new Tracked(ConceptDriftDetector.fromBytes(state));
                t.highest = DriftLevel.values()[in.readByte()];
                t.lastWarningSample = in.readLong();
                t.lastWarningTime = in.readLong();
                t.lastDriftSample = in.readLong();
                t.lastDriftTime = in.readLong();
                t.driftsSinceReport = in.readLong();
                detectors.put(name, t);
            }
            return new ModelDetectors(detectors, samples);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated model detector state", e);
        }
    }

    private static final class Tracked {
        final ConceptDriftDetector detector;
        DriftLevel highest = DriftLevel.STABLE;
        long lastWarningSample;
        long lastWarningTime;
        long lastDriftSample;
        long lastDriftTime;
        long driftsSinceReport;

        Tracked(ConceptDriftDetector detector) {
            this.detector = detector;
        }
    }
}
