package io.driftwatch.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.deadletter.DeadLetterHeaders;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import io.driftwatch.runtime.testing.TestEvents;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The runner against a real broker and registry: exactly-once, dead letters, registry outages. */
class StreamsRunnerIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void shouldDeadLetterPoisonPillsWithReasonHeadersAndKeepProcessing() {
        DriftwatchConfig config = kafka.config(Map.of());
        kafka.createTopics(config);
        TopicCatalogue topics = kafka.catalogue(config);
        String input = topics.name(TopicCatalogue.PREDICTIONS);
        byte[] good = topics.valueSerde(TopicCatalogue.PREDICTIONS).serializer().serialize(input, TestEvents.prediction("a", 1));
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 77_777);
        byte[] badMagic = good.clone();
        badMagic[0] = 9;

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (StreamsRunner runner = new StreamsRunner(config, topics, meters)) {
            runner.start(List.of(new PassThroughApp()));
            kafka.produceBytes(input, key("a"), good);
            kafka.produceBytes(input, key("b"), unknownId);
            kafka.produceBytes(input, key("c"), badMagic);
            kafka.produceBytes(input, key("d"), new byte[]{0, 0});

            List<ConsumerRecord<String, PredictionEvent>> output = kafka.awaitRecords(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), Serdes.String().deserializer(),
                    topics.valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).deserializer(), 1);
            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    kafka.awaitRawRecords(topics.name(TopicCatalogue.DEAD_LETTER), 3);

            assertThat(output).extracting(ConsumerRecord::value).containsExactly(TestEvents.prediction("a", 1));
            Map<String, String> reasonByKey = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
                reasonByKey.put(new String(letter.key(), StandardCharsets.UTF_8),
                        DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON));
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(input);
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.PROCESSOR)).isEqualTo("passthrough");
                assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
            }
            assertThat(reasonByKey).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "b", "unknown-schema-id", "c", "bad-magic-byte", "d", "too-short"));
            assertThat(deadLetters).filteredOn(l -> new String(l.key(), StandardCharsets.UTF_8).equals("c"))
                    .singleElement().satisfies(l -> assertThat(l.value()).isEqualTo(badMagic));
            assertThat(meters.get("driftwatch.dead.letters").tag("reason", "too-short").counter().count()).isEqualTo(1.0);
            assertThat(runner.health().status()).isEqualTo(Health.Status.UP);
        }
    }

    @Test
    void shouldRetryAndNeverDeadLetterWhileRegistryIsDown() throws IOException {
        DriftwatchConfig config = kafka.config(Map.of());
        kafka.createTopics(config);
        // A fresh serde whose client has cached nothing, as in a freshly started processor.
        Map<String, Object> serdeConfigs = new LinkedHashMap<>(config.serdeConfigs());
        serdeConfigs.put(RegistryClientConfig.MAX_RETRIES, 1);
        TopicCatalogue topics = new TopicCatalogue(config.topics().prefix(), AvroSerdes.fromConfig(serdeConfigs));
        String input = topics.name(TopicCatalogue.PREDICTIONS);
        PredictionEvent event = TestEvents.prediction("outage", 42);
        // Written with a newer compatible schema, so its id is one the processor has never resolved.
        byte[] bytes = kafka.serdes().genericValueSerde(null).serializer().serialize(input, asV2(event));

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (StreamsRunner runner = new StreamsRunner(config, topics, meters)) {
            runner.start(List.of(new PassThroughApp()));
            await().atMost(KafkaTestCluster.DEFAULT_WAIT)
                    .until(() -> runner.streams("passthrough").state() == KafkaStreams.State.RUNNING);
            kafka.stopRegistry();
            try {
                kafka.produceBytes(input, key("outage"), bytes);
                await("a transient read failure").atMost(KafkaTestCluster.DEFAULT_WAIT).until(() ->
                        meters.find("driftwatch.deserialization.retries").counter() != null
                                && meters.get("driftwatch.deserialization.retries").counter().count() >= 1);
            } finally {
                kafka.restartRegistry();
            }

            List<ConsumerRecord<String, PredictionEvent>> output = kafka.awaitRecords(
                    topics.name(TopicCatalogue.VALIDATED_PREDICTIONS), Serdes.String().deserializer(),
                    kafka.catalogue(config).valueSerde(TopicCatalogue.VALIDATED_PREDICTIONS).deserializer(), 1);

            assertThat(output).extracting(ConsumerRecord::value).containsExactly(event);
            assertThat(meters.find("driftwatch.dead.letters").counters()).isEmpty();
            assertThat(runner.health().status()).isNotEqualTo(Health.Status.DOWN);
        }
    }

    /** The event as a generic record of PredictionEvent plus one optional field. */
    private static GenericRecord asV2(PredictionEvent event) throws IOException {
        Schema v2 = new Schema.Parser().parse(PredictionEvent.getClassSchema().toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"region\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(PredictionEvent.class).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(PredictionEvent.getClassSchema(), v2)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
