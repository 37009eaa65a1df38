package io.driftwatch.alerting.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.alerting.lifecycle.AlertLifecycle.Notification;
import io.driftwatch.alerting.lifecycle.AlertLifecycle.Settings;
import io.driftwatch.alerting.lifecycle.AlertLifecycle.State;
import io.driftwatch.alerting.lifecycle.AlertLifecycle.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final long MINUTE = 60_000;

    /** Runs one window per minute; 'x' is a violating window, '.' a clean one. */
    private static List<Notification> run(String windows, Settings settings) {
        State state = State.INACTIVE;
        List<Notification> sent = new ArrayList<>();
        for (int i = 0; i < windows.length(); i++) {
            Transition t = AlertLifecycle.observe(state, windows.charAt(i) == 'x', i * MINUTE, settings);
            t.notification().ifPresent(sent::add);
            state = t.next();
        }
        return sent;
    }

    @Test
    void shouldFireOnceAndResolveOnceAfterTwoCleanWindows() {
        List<Notification> sent = run("..xxxx..", Settings.DEFAULTS);

        assertThat(sent).containsExactly(
                new Notification(false, 2 * MINUTE, null, 1),
                new Notification(true, 2 * MINUTE, 6 * MINUTE, 2));
    }

    @Test
    void flappingDataShouldNotProduceAnAlertStorm() {
        List<Notification> sent = run("x.x.x.x.x.x.x.x.x..", Settings.DEFAULTS);

        assertThat(sent).extracting(Notification::resolved).containsExactly(false, true);
        assertThat(sent.get(1).endsAt()).isEqualTo(17 * MINUTE);
    }

    @Test
    void shouldWaitForNViolatingWindowsInARowBeforeFiring() {
        Settings threeWindows = new Settings(3, 2, Duration.ofHours(4));

        assertThat(run("xx.xx.xx.", threeWindows)).isEmpty();
        assertThat(run("xx.xxx", threeWindows)).containsExactly(new Notification(false, 3 * MINUTE, null, 1));
    }

    @Test
    void shouldRenotifyAtTheIntervalWhileFiring() {
        Settings everyFiveMinutes = new Settings(1, 2, Duration.ofMinutes(5));

        List<Notification> sent = run("xxxxxxxxxxxx..", everyFiveMinutes);

        assertThat(sent).extracting(Notification::number).containsExactly(1, 2, 3, 4);
        assertThat(sent).extracting(Notification::resolved).containsExactly(false, false, false, true);
        assertThat(sent).extracting(Notification::startsAt).containsOnly(0L);
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        assertThatThrownBy(() -> new Settings(0, 2, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(1, 2, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
