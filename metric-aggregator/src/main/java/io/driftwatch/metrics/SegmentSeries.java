package io.driftwatch.metrics;

import io.driftwatch.metrics.config.MetricsSettings;
import io.driftwatch.schemas.SnapshotSeries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series a record counts in: all traffic ({@code *}) and, for each configured segment key it
 * carries, {@code key=value} — the value as a 12-hex-digit SHA-256 prefix unless the model allows
 * it in clear, so that raw segment values reach neither internal topics nor outputs. A partition
 * gives at most {@code 4 × top-K} values per key, window and flush a series of their own (the rest
 * count as {@code key=other}); the merge then keeps the top K per window.
 */
final class SegmentSeries {

    static final String ALL = SnapshotSeries.ALL_SEGMENTS;
    static final String OTHER = "other";
    private static final int REMEMBERED = 10_000;

    private final MetricsSettings settings;
    /** Per model, version, window and key: the values given a series so far (least recently used forgotten first). */
    private final Map<String, Set<String>> given = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > REMEMBERED;
        }
    };

    SegmentSeries(MetricsSettings settings) {
        this.settings = settings;
    }

    List<String> of(String modelId, String modelVersion, long windowStart, Map<String, String> segments) {
        List<String> keys = settings.catalogue().model(modelId).segments();
        boolean clearValues = settings.model(modelId).clearSegmentValues();
        List<String> series = new ArrayList<>(1 + keys.size());
        series.add(ALL);
        for (String key : keys) {
            String raw = segments.get(key);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = clearValues ? raw : hash(raw);
            Set<String> values = given.computeIfAbsent(modelId + '\u0000' + modelVersion + '\u0000' + windowStart
                    + '\u0000' + key, k -> new HashSet<>());
            if (!values.contains(value) && values.size() >= 4 * settings.segmentTopK()) {
                value = OTHER;
            } else {
                values.add(value);
            }
            series.add(key + "=" + value);
        }
        return series;
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The segment key of a series ({@code country} of {@code country=…}); null for {@code *}. */
    static String key(String series) {
        int equals = series.indexOf('=');
        return equals < 0 ? null : series.substring(0, equals);
    }
}
