package io.driftwatch.app;

import io.driftwatch.runtime.config.ConfigValues;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;

/** Command-line durations as in the configuration: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return new ConfigValues(Map.of("duration", value)).duration("duration", null);
    }
}
