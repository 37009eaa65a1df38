package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code driftwatch demo --secure}, short: the shop's traffic flows through a broker that requires
 * TLS and SCRAM and allows nothing without an ACL, with Driftwatch holding only the ACLs of
 * {@code driftwatch acls}, and out again as metrics and drift reports.
 */
class SecureDemoIT {

    @Test
    void theSecureDemoShouldRunEndToEndWithTheLeastAcls() {
        StringWriter output = new StringWriter();
        CommandLine cli = Driftwatch.commandLine();
        cli.setOut(new PrintWriter(output, true));
        DemoCommand demo = (DemoCommand) cli.getSubcommands().get("demo").getCommand();

        int exit = cli.execute("demo", "--secure", "--duration", "20s", "--rate", "300", "--port", "0", "--settle", "10s");

        String printed = output.toString();
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Secure: Kafka at", "requires TLS and SASL/SCRAM-SHA-512", "Driftwatch runs as User:driftwatch",
                "driftwatch.yaml", "secrets.properties");
        DemoStory.Summary summary = demo.summary;
        assertThat(summary).as(printed).isNotNull();
        assertThat(summary.predictions()).isEqualTo(12_000);
        assertThat(summary.ingested()).as(printed).isGreaterThanOrEqualTo(summary.predictions());
        assertThat(summary.metricWindows()).as(printed).isPositive();
        assertThat(summary.driftReports()).as(printed).isPositive();
        assertThat(summary.deadLetters()).isZero();
    }
}
