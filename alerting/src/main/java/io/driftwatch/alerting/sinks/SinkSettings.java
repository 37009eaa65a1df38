package io.driftwatch.alerting.sinks;

import io.driftwatch.runtime.config.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The optional notification sinks beyond the alerts topic.
 *
 * <pre>
 * alerting:
 *   sinks:
 *     alertmanager: {url: http://alertmanager:9093}   # POST /api/v2/alerts
 *     webhook: {url: https://hooks.example.com/driftwatch}   # the alert as JSON
 *     max-attempts: 5            # per alert and sink, then counted as a delivery failure
 *     backoff: 200ms             # doubled after each failed attempt
 *     timeout: 5s                # per request
 * </pre>
 */
public record SinkSettings(Optional<URI> alertmanager, Optional<URI> webhook, int maxAttempts, Duration backoff,
                           Duration timeout) {

    public static SinkSettings read(ConfigValues values) {
        return new SinkSettings(url(values, "alerting.sinks.alertmanager.url"), url(values, "alerting.sinks.webhook.url"),
                values.integer("alerting.sinks.max-attempts", 5, 1, 100),
                values.positiveDuration("alerting.sinks.backoff", Duration.ofMillis(200)),
                values.positiveDuration("alerting.sinks.timeout", Duration.ofSeconds(5)));
    }

    public boolean any() {
        return alertmanager.isPresent() || webhook.isPresent();
    }

    private static Optional<URI> url(ConfigValues values, String key) {
        String raw = values.string(key, null);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(raw.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException(key, raw, "expected an http or https URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, raw, "not a URL: " + e.getMessage());
        }
    }
}
