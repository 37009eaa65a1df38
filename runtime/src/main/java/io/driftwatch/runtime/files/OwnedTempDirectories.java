package io.driftwatch.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary directories that name the JVM that made them (its pid and start time, in
 * {@value #OWNER_FILE}), so that what a killed process left behind (a demo's state, an embedded
 * broker's data: hundreds of MB) can be told from what a running one still uses, and removed.
 */
public final class OwnedTempDirectories {

    static final String OWNER_FILE = "driftwatch.owner";

    /** What a sweep removed, and the directories it could not judge (made before owners were recorded). */
    public record Sweep(int removed, long bytes, List<Path> unknown) {
    }

    private OwnedTempDirectories() {
    }

    /** A new directory in the temp folder, named {@code prefix} and a random part, owned by this JVM. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(-1L),
                    StandardCharsets.US_ASCII);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "…", e);
        }
    }

    /** Removes the directories in {@code parent} named with one of the prefixes whose owner is no longer running. */
    public static Sweep sweep(Path parent, String... prefixes) {
        int removed = 0;
        long bytes = 0;
        List<Path> unknown = new ArrayList<>();
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path dir : entries.filter(p -> Files.isDirectory(p) && named(p, prefixes)).sorted().toList()) {
                Path owner = dir.resolve(OWNER_FILE);
                if (!Files.isRegularFile(owner)) {
                    unknown.add(dir);
                } else if (!running(Files.readString(owner, StandardCharsets.US_ASCII).trim())) {
                    bytes += size(dir);
                    delete(dir);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for leftovers in " + parent, e);
        }
        return new Sweep(removed, bytes, unknown);
    }

    /** Deletes a directory and everything in it. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean named(Path dir, String[] prefixes) {
        String name = dir.getFileName().toString();
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** "pid startMillis": running while a process with that pid and that start time is (a reused pid is not the owner). */
    private static boolean running(String owner) {
        String[] parts = owner.split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> started < 0 || startMillis(p).map(s -> s == started).orElse(true))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
