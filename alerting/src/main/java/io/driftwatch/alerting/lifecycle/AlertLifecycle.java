package io.driftwatch.alerting.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * The life of one alert (one dedupe key), window by window: a condition must hold for N
 * consecutive windows to fire, an alert is re-notified at an interval while it persists, and it
 * resolves only after M consecutive clean windows, so flapping data does not produce an alert
 * storm (hysteresis). Time is the windows' own (event) time, so a replay notifies identically.
 *
 * <pre>
 * INACTIVE ─violated─► PENDING ─(N violated in a row)─► FIRING ─(M clean in a row)─► INACTIVE
 *     ▲                   │ clean                          │ violated, renotify interval passed
 *     └───────────────────┘                                └─► FIRING again (re-notification)
 * </pre>
 */
public final class AlertLifecycle {

    private AlertLifecycle() {
    }

    /**
     * @param windowsToFire    consecutive violating windows before FIRING (the rule's "for N windows"; default 1)
     * @param windowsToResolve consecutive clean windows before RESOLVED (default 2)
     * @param renotifyInterval how long a firing alert stays quiet before it is sent again
     */
    public record Settings(int windowsToFire, int windowsToResolve, Duration renotifyInterval) {

        public static final Settings DEFAULTS = new Settings(1, 2, Duration.ofHours(4));

        public Settings {
            if (windowsToFire < 1 || windowsToResolve < 1 || renotifyInterval.isNegative() || renotifyInterval.isZero()) {
                throw new IllegalArgumentException("an alert needs at least one window to fire and to resolve, and a "
                        + "positive re-notification interval");
            }
        }
    }

    public enum Phase { INACTIVE, PENDING, FIRING }

    /**
     * The state kept per dedupe key between windows.
     *
     * @param since         INACTIVE: unused; PENDING and FIRING: when the condition started (its first violating window)
     * @param cleanSince    FIRING: the first window of the current clean run, or -1 while violated
     * @param notifications notifications sent in this alert's life (FIRING, re-notifications)
     */
    public record State(Phase phase, int violations, int cleanWindows, long since, long cleanSince,
                        long lastNotifiedAt, int notifications) {

        public static final State INACTIVE = new State(Phase.INACTIVE, 0, 0, 0, -1, 0, 0);
    }

    /** A record to send: the alert fired, is still firing, or resolved. */
    public record Notification(boolean resolved, long startsAt, Long endsAt, int number) {
    }

    public record Transition(State next, Optional<Notification> notification) {
    }

    /** The next state after one window, and what to send. */
    public static Transition observe(State state, boolean violated, long windowTime, Settings settings) {
        switch (state.phase()) {
            case INACTIVE, PENDING -> {
                if (!violated) {
                    return quiet(State.INACTIVE);
                }
                int violations = state.violations() + 1;
                long since = state.phase() == Phase.INACTIVE ? windowTime : state.since();
                if (violations < settings.windowsToFire()) {
                    return quiet(new State(Phase.PENDING, violations, 0, since, -1, 0, 0));
                }
                return send(new State(Phase.FIRING, violations, 0, since, -1, windowTime, 1),
                        new Notification(false, since, null, 1));
            }
            default -> {
                if (violated) {
                    boolean due = windowTime - state.lastNotifiedAt() >= settings.renotifyInterval().toMillis();
                    if (!due) {
                        return quiet(new State(Phase.FIRING, state.violations() + 1, 0, state.since(), -1,
                                state.lastNotifiedAt(), state.notifications()));
                    }
                    int number = state.notifications() + 1;
                    return send(new State(Phase.FIRING, state.violations() + 1, 0, state.since(), -1, windowTime, number),
                            new Notification(false, state.since(), null, number));
                }
                int clean = state.cleanWindows() + 1;
                long cleanSince = state.cleanWindows() == 0 ? windowTime : state.cleanSince();
                if (clean < settings.windowsToResolve()) {
                    return quiet(new State(Phase.FIRING, state.violations(), clean, state.since(), cleanSince,
                            state.lastNotifiedAt(), state.notifications()));
                }
                return send(State.INACTIVE, new Notification(true, state.since(), cleanSince, state.notifications() + 1));
            }
        }
    }

    private static Transition quiet(State next) {
        return new Transition(next, Optional.empty());
    }

    private static Transition send(State next, Notification notification) {
        return new Transition(next, Optional.of(notification));
    }
}
