package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.simulate.ShopWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code driftwatch demo} as a user runs it, with its default story and a fixed seed: the injected
 * data drift is found in exactly the two features it was injected in, the concept drift is found,
 * nothing is flagged where nothing was injected, and the alerts and a retraining trigger come.
 */
class DemoIT {

    @Test
    void demoShouldDetectWhatItInjectsAndNothingElse() {
        CommandLine cli = Driftwatch.commandLine();
        StringWriter output = new StringWriter();
        cli.setOut(new PrintWriter(output, true));
        int exit = cli.execute("demo", "--seed", "7", "--port", "0");
        String printed = output.toString();
        assertThat(exit).as(printed).isZero();
        DemoStory.Summary summary = ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).summary;

        DemoStory.Finding data = summary.finding("data drift");
        assertThat(data.detected()).as(printed).isTrue();
        assertThat(data.found()).as(printed).containsExactlyInAnyOrder(ShopWorld.DAYS_SINCE_LAST_VISIT, ShopWorld.TRAFFIC_SOURCE);
        DemoStory.Finding concept = summary.finding("concept drift");
        assertThat(concept.detected()).as(printed).isTrue();
        assertThat(concept.found()).as(printed).contains("ADWIN");
        assertThat(summary.falseAlarms()).as(printed).isEmpty();
        assertThat(summary.alertsFiring()).as(printed).isPositive();
        assertThat(summary.triggers()).as(printed).isPositive();
        assertThat(summary.predictions()).isEqualTo(120_000);
        assertThat(printed).contains("Summary", "injected data drift", "→ detected in the window ending",
                "RETRAINING TRIGGER OPEN  purchase-propensity", "ALERT FIRING");
    }
}
