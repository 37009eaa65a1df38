package io.driftwatch.examples.retraining;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The idempotency keys of the triggers acted on, one a line in {@value #FILE} next to the training
 * files: written (and forced to disk) before the trigger's offset is committed.
 */
final class TrainedKeys {

    static final String FILE = "trained-triggers.txt";

    private final Path file;
    private final Set<String> keys;

    private TrainedKeys(Path file, Set<String> keys) {
        this.file = file;
        this.keys = keys;
    }

    static TrainedKeys in(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        Set<String> keys = new HashSet<>();
        if (Files.exists(file)) {
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(keys::add);
        }
        return new TrainedKeys(file, keys);
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    void add(String key) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(StandardCharsets.UTF_8.encode(key + "\n"));
            channel.force(true);
        }
        keys.add(key);
    }
}
