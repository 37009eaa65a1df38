package io.driftwatch.runtime.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedTempDirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRemoveOnlyWhatAProcessThatIsGoneLeftBehind() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path left = Files.createDirectories(tmp.resolve("driftwatch-demo-left"));
        Files.writeString(left.resolve(OwnedTempDirectories.OWNER_FILE), finished.pid() + " "
                + finished.info().startInstant().map(Instant::toEpochMilli).orElse(-1L));
        Files.write(left.resolve("data"), new byte[4096]);
        Path reused = Files.createDirectories(tmp.resolve("driftwatch-kafka-reused"));
        // This JVM's pid with another start time: the pid was reused, the owner is gone.
        Files.writeString(reused.resolve(OwnedTempDirectories.OWNER_FILE), ProcessHandle.current().pid() + " 1");
        Path mine = Files.createDirectories(tmp.resolve("driftwatch-demo-mine"));
        Files.writeString(mine.resolve(OwnedTempDirectories.OWNER_FILE), ProcessHandle.current().pid() + " "
                + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli());
        Path old = Files.createDirectories(tmp.resolve("driftwatch-kafka-old"));
        Path other = Files.createDirectories(tmp.resolve("someone-else"));

        OwnedTempDirectories.Sweep sweep = OwnedTempDirectories.sweep(tmp, "driftwatch-demo-", "driftwatch-kafka-");

        assertThat(sweep.removed()).isEqualTo(2);
        assertThat(sweep.bytes()).isGreaterThanOrEqualTo(4096);
        assertThat(sweep.unknown()).containsExactly(old);
        assertThat(left).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(mine).exists();
        assertThat(old).exists();
        assertThat(other).exists();
    }

    @Test
    void shouldCreateADirectoryThatNamesThisJvm() throws Exception {
        Path dir = OwnedTempDirectories.create("driftwatch-test-");
        try {
            assertThat(Files.readString(dir.resolve(OwnedTempDirectories.OWNER_FILE)))
                    .startsWith(ProcessHandle.current().pid() + " ");
            assertThat(OwnedTempDirectories.sweep(dir.getParent(), dir.getFileName().toString()).removed()).isZero();
        } finally {
            OwnedTempDirectories.delete(dir);
        }
    }
}
