package io.driftwatch.drift.data;

/**
 * Whether a condition held in at least K of the last N windows (default 2 of 3), so that one
 * noisy window does not alert. The history is a bit set, oldest window in the highest bit.
 */
public final class Persistence {

    private final int required;
    private final int windows;
    private long history;

    public Persistence(int required, int windows) {
        if (!(windows >= 1 && windows <= 63 && required >= 1 && required <= windows)) {
            throw new IllegalArgumentException("persistence needs 1 <= K <= N <= 63, got K = " + required + ", N = " + windows);
        }
        this.required = required;
        this.windows = windows;
    }

    /** Records a window's outcome and tells whether the condition now persists. */
    public boolean record(boolean held) {
        history = ((history << 1) | (held ? 1 : 0)) & ((1L << windows) - 1);
        return Long.bitCount(history) >= required;
    }

    /** The history, for a state store. */
    public long history() {
        return history;
    }

    public static Persistence restore(int required, int windows, long history) {
        Persistence persistence = new Persistence(required, windows);
        persistence.history = history & ((1L << windows) - 1);
        return persistence;
    }
}
