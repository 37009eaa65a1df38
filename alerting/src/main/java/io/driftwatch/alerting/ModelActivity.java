package io.driftwatch.alerting;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.events.RetrainingTrigger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is kept per model: its versions (first window seen, labelled predictions so far), when it
 * last sent predictions (wall clock, for the no-predictions rules), and its retraining state.
 */
final class ModelActivity {

    private static final byte FORMAT = 1;

    /**
     * Per version: the start of the first window seen, the labelled predictions of its final metric
     * windows summed, and the labelled predictions its drift detectors have seen in total.
     */
    final Map<String, long[]> versions = new TreeMap<>();
    long lastPredictionsWallClock = Long.MIN_VALUE;
    long lastTriggerAt = Long.MIN_VALUE;
    long labelsAtLastTrigger;
    String lastTriggerVersion;
    /** The trigger waiting for a new version; null when none. */
    RetrainingTrigger openTrigger;

    /** Records a version's window; true when the version is new. */
    boolean seen(String version, long windowStart) {
        if (versions.containsKey(version)) {
            return false;
        }
        versions.put(version, new long[] {windowStart, 0, 0});
        return true;
    }

    /** Labelled predictions of a version so far: whichever source (metrics or drift reports) counted more. */
    long labels(String version) {
        long[] v = versions.get(version);
        return v == null ? 0 : Math.max(v[1], v[2]);
    }

    void addFinalWindowLabels(String version, long labels) {
        versions.get(version)[1] += labels;
    }

    void detectorLabels(String version, long total) {
        long[] v = versions.get(version);
        v[2] = Math.max(v[2], total);
    }

    long firstWindow(String version) {
        return versions.get(version)[0];
    }

    byte[] toBytes() {
        return StateCodec.write(out -> {
            out.writeByte(FORMAT);
            out.writeInt(versions.size());
            for (Map.Entry<String, long[]> e : versions.entrySet()) {
                out.writeUTF(e.getKey());
                for (long value : e.getValue()) {
                    out.writeLong(value);
                }
            }
            out.writeLong(lastPredictionsWallClock);
            out.writeLong(lastTriggerAt);
            out.writeLong(labelsAtLastTrigger);
            out.writeUTF(lastTriggerVersion == null ? "" : lastTriggerVersion);
            StateCodec.writeBytes(out, openTrigger == null ? null : StateCodec.avro(openTrigger::toByteBuffer));
        });
    }

    static ModelActivity fromBytes(byte[] bytes) {
        ModelActivity activity = new ModelActivity();
        if (bytes == null) {
            return activity;
        }
        return StateCodec.read(bytes, "model activity", in -> {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("model activity in an unknown format");
            }
            int versions = in.readInt();
            for (int i = 0; i < versions; i++) {
                activity.versions.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong()});
            }
            activity.lastPredictionsWallClock = in.readLong();
            activity.lastTriggerAt = in.readLong();
            activity.labelsAtLastTrigger = in.readLong();
            String version = in.readUTF();
            activity.lastTriggerVersion = version.isEmpty() ? null : version;
            byte[] trigger = StateCodec.readBytes(in);
            activity.openTrigger = trigger == null ? null : RetrainingTrigger.fromByteBuffer(ByteBuffer.wrap(trigger));
            return activity;
        });
    }
}
