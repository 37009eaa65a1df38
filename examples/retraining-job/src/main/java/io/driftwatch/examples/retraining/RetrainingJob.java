package io.driftwatch.examples.retraining;

import io.driftwatch.events.LabeledPrediction;
import io.driftwatch.events.RetrainingTrigger;
import io.driftwatch.events.TriggerStatus;
import io.driftwatch.schemas.serde.AvroDeserializer;
import io.driftwatch.schemas.serde.TrustedAvroPackages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A retraining job that acts on Driftwatch's retraining triggers exactly once (docs/alerting.md):
 * for each new OPEN trigger it reads the labelled predictions of the model within the trigger's
 * training range from {@code driftwatch.labeled-predictions.v1}, writes them as a training file
 * (CSV: event time, features, label), records the trigger's idempotency key, and only then
 * commits the trigger's offset. A restart at any point trains no trigger twice: a trigger read
 * again after a crash finds its key recorded; a file half-written is replaced whole.
 *
 * <p>Where a real job would start training, this one prints the file it wrote.
 */
public final class RetrainingJob {

    /** What one trigger led to. */
    public record Outcome(String idempotencyKey, String modelId, boolean alreadyTrained, Path trainingFile, long rows) {
    }

    private final JobSettings settings;
    private final PrintStream out;
    private final TrainedKeys trained;

    public RetrainingJob(JobSettings settings, PrintStream out) throws IOException {
        this.settings = settings;
        this.out = out;
        this.trained = TrainedKeys.in(settings.outputDirectory());
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings;
        try {
            settings = JobSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("retrain: " + e.getMessage());
            System.err.println(JobSettings.USAGE);
            System.exit(2);
            return;
        }
        new RetrainingJob(settings, System.out).run();
    }

    /**
     * Consumes triggers until stopped, or with {@code --once} until it has caught up with the
     * topic; returns what each trigger led to.
     */
    public List<Outcome> run() throws IOException {
        TrustedAvroPackages.trustEvents();
        List<Outcome> outcomes = new ArrayList<>();
        try (KafkaConsumer<String, RetrainingTrigger> triggers = new KafkaConsumer<>(triggerConsumerProperties())) {
            String topic = settings.topic("driftwatch.retraining-triggers.v1");
            triggers.subscribe(List.of(topic));
            out.printf("retrain: waiting for retraining triggers on %s (output in %s)%n", topic, settings.outputDirectory());
            while (true) {
                for (ConsumerRecord<String, RetrainingTrigger> record : triggers.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().getStatus() == TriggerStatus.OPEN) {
                        outcomes.add(act(record.value()));
                    }
                    // Committed only once the trigger has been acted on (and its key recorded).
                    triggers.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
                if (settings.once() && caughtUp(triggers)) {
                    return outcomes;
                }
            }
        }
    }

    private Outcome act(RetrainingTrigger trigger) throws IOException {
        String key = trigger.getIdempotencyKey();
        if (trained.contains(key)) {
            out.printf("retrain: trigger %s for %s already acted on; skipped%n", key, trigger.getModelId());
            return new Outcome(key, trigger.getModelId(), true, null, 0);
        }
        List<LabeledPrediction> rows = labeledPredictions(trigger);
        Path file = TrainingFile.write(settings.outputDirectory(), trigger, rows);
        trained.add(key);
        out.printf("retrain: trigger %s for %s (%s): %,d labelled predictions from %s to %s → %s%n", key,
                trigger.getModelId(), trigger.getReason(), rows.size(), trigger.getTrainingDataFrom(),
                trigger.getTrainingDataTo(), file);
        return new Outcome(key, trigger.getModelId(), false, file, rows.size());
    }

    /** The model's labelled predictions with an event time in the trigger's range, read up to the topic's current end. */
    private List<LabeledPrediction> labeledPredictions(RetrainingTrigger trigger) {
        List<LabeledPrediction> rows = new ArrayList<>();
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, LabeledPrediction> labeled = new KafkaConsumer<>(props, new StringDeserializer(),
                specificDeserializer())) {
            String topic = settings.topic("driftwatch.labeled-predictions.v1");
            List<TopicPartition> partitions = labeled.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            labeled.assign(partitions);
            labeled.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = labeled.endOffsets(partitions);
            long from = trigger.getTrainingDataFrom().toEpochMilli();
            long to = trigger.getTrainingDataTo().toEpochMilli();
            while (partitions.stream().anyMatch(p -> labeled.position(p) < end.get(p))) {
                for (ConsumerRecord<String, LabeledPrediction> record : labeled.poll(Duration.ofMillis(500))) {
                    LabeledPrediction row = record.value();
                    long at = row == null ? -1 : row.getPrediction().getEventTime().toEpochMilli();
                    if (row != null && row.getPrediction().getModelId().equals(trigger.getModelId()) && at >= from && at < to) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private boolean caughtUp(KafkaConsumer<String, RetrainingTrigger> triggers) {
        if (triggers.assignment().isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> end = triggers.endOffsets(triggers.assignment());
        return triggers.assignment().stream().allMatch(p -> triggers.position(p) >= end.get(p));
    }

    private Map<String, Object> triggerConsumerProperties() {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class); // Driftwatch's keys are plain strings
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
        props.put("specific.avro.reader", true);
        return props;
    }

    private <T> AvroDeserializer<T> specificDeserializer() {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", settings.registryUrl(), "specific.avro.reader", true), false);
        return deserializer;
    }
}
