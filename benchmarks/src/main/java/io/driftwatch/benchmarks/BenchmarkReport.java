package io.driftwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every benchmark's entry in docs/benchmarks.md starts with, and where it goes. */
final class BenchmarkReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private BenchmarkReport() {
    }

    /** A Markdown heading ({@code level} is "##" or "###") with the time and title, then the machine. */
    static String heading(String level, String title) {
        return "\n" + level + " " + WHEN.format(Instant.now()) + " — " + title + "\n\n"
                + "Machine: " + MachineDescription.describe() + " The broker runs in the same JVM.\n\n";
    }

    /** Prints a report and appends it to {@code record}, when one is given. */
    static void publish(String report, Path record) throws IOException {
        System.out.println(report);
        if (record != null) {
            Files.writeString(record, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("Appended to " + record);
        }
    }
}
