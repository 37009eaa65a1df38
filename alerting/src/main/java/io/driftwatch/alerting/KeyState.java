package io.driftwatch.alerting;

import io.driftwatch.runtime.state.StateCodec;
import io.driftwatch.alerting.lifecycle.AlertLifecycle;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * What is kept per dedupe key: the alert's lifecycle state and, for a relative condition, the
 * metric's values over the trailing baseline period (one per window, so bounded by the period).
 */
final class KeyState {

    private static final byte FORMAT = 1;

    AlertLifecycle.State lifecycle = AlertLifecycle.State.INACTIVE;
    /** Window end and value, oldest first. */
    private final Deque<double[]> baseline = new ArrayDeque<>();

    /** The mean over windows that ended in [{@code windowEnd − period}, {@code windowEnd}); empty without any. */
    OptionalDouble baseline(long windowEnd, long period) {
        return baseline.stream().filter(p -> p[0] >= windowEnd - period && p[0] < windowEnd)
                .mapToDouble(p -> p[1]).average();
    }

    void addToBaseline(long windowEnd, double value, long period) {
        baseline.addLast(new double[] {windowEnd, value});
        while (!baseline.isEmpty() && baseline.peekFirst()[0] < windowEnd - period) {
            baseline.removeFirst();
        }
    }

    byte[] toBytes() {
        return StateCodec.write(out -> {
            AlertLifecycle.State s = lifecycle;
            out.writeByte(FORMAT);
            out.writeByte(s.phase().ordinal());
            out.writeInt(s.violations());
            out.writeInt(s.cleanWindows());
            out.writeLong(s.since());
            out.writeLong(s.cleanSince());
            out.writeLong(s.lastNotifiedAt());
            out.writeInt(s.notifications());
            out.writeInt(baseline.size());
            for (double[] point : baseline) {
                out.writeLong((long) point[0]);
                out.writeDouble(point[1]);
            }
        });
    }

    static KeyState fromBytes(byte[] bytes) {
        KeyState state = new KeyState();
        if (bytes == null) {
            return state;
        }
        return StateCodec.read(bytes, "alert state", in -> {
            if (in.readByte() != FORMAT) {
                throw new IllegalArgumentException("alert state in an unknown format");
            }
            state.lifecycle = new AlertLifecycle.State(AlertLifecycle.Phase.values()[in.readByte()], in.readInt(),
                    in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readInt());
            int points = in.readInt();
            for (int i = 0; i < points; i++) {
                state.baseline.addLast(new double[] {in.readLong(), in.readDouble()});
            }
            return state;
        });
    }
}
