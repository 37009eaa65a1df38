package io.driftwatch.alerting;

import io.driftwatch.alerting.config.AlertingSettings;
import io.driftwatch.events.Alert;
import io.driftwatch.events.DriftReport;
import io.driftwatch.events.MetricSnapshot;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.TopologyTestProperties;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production alerting topology in a {@link TopologyTestDriver}; its wall clock starts at {@link AlertingEvents#T0}. */
final class AlertingDriver implements AutoCloseable {

    final TopologyTestDriver driver;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestInputTopic<String, MetricSnapshot> metrics;
    private final TestInputTopic<String, DriftReport> reports;
    private final TestInputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, RetrainingTrigger> triggers;

    AlertingDriver(AvroSerdes serdes, Map<String, Object> section, Path stateDir) {
        TopicCatalogue topics = new TopicCatalogue("", serdes);
        Properties props = TopologyTestProperties.of("alerting-test", stateDir);
        driver = new TopologyTestDriver(AlertingTopology.build(topics, AlertingSettings.fromSection(section),
                new AlertingMetrics(meters)), props, AlertingEvents.T0);
        metrics = driver.createInputTopic(topics.name(TopicCatalogue.METRICS), Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.METRICS).serializer());
        reports = driver.createInputTopic(topics.name(TopicCatalogue.DRIFT_REPORTS), Serdes.String().serializer(),
                topics.valueSerde(TopicCatalogue.DRIFT_REPORTS).serializer());
        deadLetters = driver.createInputTopic(topics.name(TopicCatalogue.DEAD_LETTER), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        alerts = driver.createOutputTopic(topics.name(TopicCatalogue.ALERTS), Serdes.String().deserializer(),
                topics.valueSerde(TopicCatalogue.ALERTS).deserializer());
        triggers = driver.createOutputTopic(topics.name(TopicCatalogue.RETRAINING_TRIGGERS),
                Serdes.String().deserializer(), topics.valueSerde(TopicCatalogue.RETRAINING_TRIGGERS).deserializer());
    }

    void snapshot(MetricSnapshot snapshot) {
        metrics.pipeInput(snapshot.getModelId() + "/" + snapshot.getModelVersion() + "/*/" + snapshot.getWindowStart(),
                snapshot, snapshot.getWindowEnd());
    }

    void report(DriftReport report) {
        reports.pipeInput(report.getModelId() + "/" + report.getModelVersion() + "/" + report.getWindowStart(), report,
                report.getWindowEnd());
    }

    void deadLetter(String processor) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.PROCESSOR, processor.getBytes(StandardCharsets.UTF_8));
        deadLetters.pipeInput(new TestRecord<>(new byte[] {1}, new byte[] {2}, headers));
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<RetrainingTrigger> triggers() {
        return triggers.readValuesToList();
    }

    double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
